// A scan whose 2,000 papers are all relevant, over a catalog the size of the real one (target ≤ 3 s):
// the offline classifier triages them and every draft goes into the catalog.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadHeadRegistry } from "../src/catalog/registry.ts";
import { packageRoot } from "../src/paths.ts";
import { runScan, type ScanDeps } from "../src/scan/run-scan.ts";
import type { Paper } from "../src/sources/paper.ts";
import { triageConfigSchema } from "../src/triage/config.ts";
import { loadOfflineModel } from "../src/triage/offline/model.ts";
import { triagePapers } from "../src/triage/run.ts";
import { generateHtml, showTarget } from "./catalog.bench.ts";
import { figure, targetNote, type Figure } from "./figures.ts";

const PAPERS = 2_000;
const TARGET_MS = 3_000;
const CATALOG_ENTRIES = 150;

/** The recorded RazorAttention paper, which the offline classifier calls relevant, retitled and renumbered. */
function relevantPapers(n: number): Paper[] {
  const file = join(packageRoot, "tests", "fixtures", "papers", "sources-output.json");
  const recorded = (JSON.parse(readFileSync(file, "utf8")) as { papers: Paper[] }).papers;
  const razor = recorded.find((p) => p.ids.arxiv === "2407.15891")!;
  return Array.from({ length: n }, (_, i) => {
    const arxiv = `2601.${String(i).padStart(5, "0")}`;
    // Spread over 2024–2026, so papers land between existing rows, at section ends and in a new year.
    const published = new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString();
    return {
      ...razor,
      ids: { arxiv, arxivVersion: 1 },
      title: `Generated Study ${i} of Retrieval Heads in KV Cache Compression`,
      published,
      links: { abstract: `https://arxiv.org/abs/${arxiv}v1` },
    };
  });
}

export async function run(): Promise<Figure[]> {
  const registry = loadHeadRegistry();
  const config = triageConfigSchema.parse({});
  const offlineModel = loadOfflineModel();
  const papers = relevantPapers(PAPERS);
  const catalog = generateHtml(CATALOG_ENTRIES);
  const deps: ScanDeps = {
    registry,
    findPapers: async () => ({ papers }),
    triage: (candidates) => triagePapers(candidates, { config, registry, mode: "offline", offlineModel }),
  };
  const start = performance.now();
  const result = await runScan(catalog, deps);
  const ms = performance.now() - start;
  if (result.triage.counts.relevant !== PAPERS || result.edit.inserted.length !== PAPERS) {
    throw new Error(`expected ${PAPERS} relevant papers inserted, got ${result.triage.counts.relevant} relevant and ${result.edit.inserted.length} inserted`);
  }
  console.log(`scan of ${PAPERS.toLocaleString("en")} relevant papers into a ${CATALOG_ENTRIES}-entry HTML catalog: ${showTarget(ms, TARGET_MS)}`);
  return [figure(`scan of ${PAPERS.toLocaleString("en")} relevant papers into a ${CATALOG_ENTRIES}-entry catalog (runScan, offline)`, ms, "ms", targetNote(ms, TARGET_MS, "ms"))];
}
