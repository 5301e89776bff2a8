// Prints the pull request headscout would open for a real catalog: a catalog-history version with
// one real paper taken out, that paper found again (its real abstract, from ../shared/eval), triaged
// on the offline default, and proposed: the catalog diff and the body exactly as the app renders them.
// Usage: node bin/run-ts.js scripts/example-pull-request.ts [CATALOG.md] [ARXIV_ID]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCatalog } from "../src/catalog/parse.ts";
import { loadHeadRegistry } from "../src/catalog/registry.ts";
import { buildProposal } from "../src/github/propose/build-proposal.ts";
import { packageRoot } from "../src/paths.ts";
import { diffInsertions } from "../src/scan/diff-insertions.ts";
import type { Paper } from "../src/sources/paper.ts";
import { defaultTriageConfig } from "../src/triage/config.ts";
import { loadOfflineModel } from "../src/triage/offline/model.ts";
import { triagePapers } from "../src/triage/run.ts";
import { draftEntry } from "../src/triage/verdict.ts";

const shared = resolve(packageRoot, "..", "shared");
const catalogFile = process.argv[2] ?? resolve(shared, "catalog-history", "093-2025-03-02-a992ea7.md");
const arxivId = process.argv[3] ?? "2406.02128";

const registry = loadHeadRegistry();
const full = readFileSync(catalogFile, "utf8");
const listed = parseCatalog(full).entries.find((e) => e.entry.ids?.arxiv === arxivId);
if (!listed) throw new Error(`${catalogFile} lists no arXiv ${arxivId}`);
// The catalog as it was before the maintainers added this paper.
const lines = full.split("\n");
const before = [...lines.slice(0, listed.start), ...lines.slice(listed.end)].join("\n");

const dev = readFileSync(resolve(shared, "eval", "papers.dev.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { arxiv_id: string; title: string; abstract: string });
const found = dev.find((d) => d.arxiv_id === arxivId);
if (!found) throw new Error(`no abstract for ${arxivId} in ../shared/eval/papers.dev.jsonl`);
const paper: Paper = {
  ids: { arxiv: arxivId, arxivVersion: 1 },
  title: found.title,
  abstract: found.abstract,
  authors: [],
  published: `${listed.entry.date}T00:00:00Z`,
  categories: ["cs.CL"],
  links: { abstract: `https://arxiv.org/abs/${arxivId}v1` },
  sources: ["arxiv"],
};
const report = await triagePapers([paper], { config: defaultTriageConfig, registry, mode: "offline", offlineModel: loadOfflineModel() });
const verdict = report.verdicts[0]!;
const draft = draftEntry(verdict);
if (!draft) throw new Error(`the offline classifier did not call ${arxivId} relevant (${verdict.decision})`);
const built = buildProposal({ text: before, document: parseCatalog(before, { registry }) }, [{ draft, verdict }], {
  mode: "grouped",
  catalogPath: "README.md",
  provenance: { queries: [], triage: { mode: "offline", offlineModelVersion: String(loadOfflineModel().version) }, headscoutVersion: "0.1.0" },
}, registry);
const diff = diffInsertions(before, built.document).flatMap((b) => [`@@ line ${b.line} @@`, ...b.lines.map((l) => `+${l}`)]);
console.log(`<!-- example: ${catalogFile.split("/").pop()} without arXiv ${arxivId}, offline triage -->`);
console.log("#### The catalog diff\n\n```diff\n" + diff.join("\n") + "\n```\n\n#### The body\n\n" + built.body);
