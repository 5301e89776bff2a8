import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { parseCatalog } from "../catalog/parse.ts";
import { loadHeadRegistry } from "../catalog/registry.ts";
import type { Config } from "../config/schema.ts";
import { HeadscoutError } from "../errors.ts";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import { buildProposal } from "../github/propose/build-proposal.ts";
import type { ProposedPaper } from "../github/proposal/index.ts";
import { renderInsertions } from "../scan/diff-insertions.ts";
import { renderScanSummary } from "../scan/render-scan-summary.ts";
import type { ScanResult } from "../scan/run-scan.ts";
import { scanReportJson } from "../scan/scan-report-json.ts";
import { arxivQueriesFor } from "../sources/fetch-all.ts";
import type { SearchWindow } from "../sources/arxiv/build-query.ts";

/**
 * What `scan --out DIR` writes: the catalog as the pull request would leave it, the pull request
 * body (or one per paper) exactly as the app would post it, and the report as JSON and as text.
 * The input catalog is never touched. Returns the files written, relative to DIR.
 */
export function writeScanOut(dir: string, result: ScanResult, context: { catalogText: string; catalogName: string; config: Config; window?: SearchWindow; version: string }): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new HeadscoutError(`cannot create ${dir}`, { cause: error });
  }
  const registry = loadHeadRegistry();
  const papers: ProposedPaper[] = result.edit.inserted.flatMap((draft) => {
    const verdict = result.triage.verdicts.find((v) => v.key === draft.key);
    return verdict ? [{ draft, verdict }] : [];
  });
  const catalog = { text: context.catalogText, document: parseCatalog(context.catalogText, { registry }) };
  const provenance = {
    ...(result.sources ? { sources: result.sources } : {}),
    queries: context.window && context.config.sources.arxiv.enabled ? arxivQueriesFor(context.config.sources.arxiv, context.window, registry) : [],
    triage: { mode: result.triage.mode },
    headscoutVersion: context.version,
  };
  const mode = context.config.pullRequests.mode;
  const groups = mode === "grouped" ? (papers.length ? [papers] : []) : papers.map((p) => [p]);
  const written: string[] = [];
  const write = (name: string, text: string) => {
    writeFileAtomic(join(dir, name), text, { name: join(dir, name) });
    written.push(name);
  };
  groups.forEach((group, i) => {
    const built = buildProposal(catalog, group, { mode, catalogPath: context.catalogName, provenance }, registry);
    write(groups.length === 1 ? "pull-request.md" : `pull-request-${i + 1}.md`, `${built.body}\n`);
  });
  write(basename(context.catalogName), result.edit.document);
  write("report.json", `${JSON.stringify(scanReportJson(result), null, 2)}\n`);
  const diff = result.insertions.length ? `\n${renderInsertions(context.catalogName, result.insertions)}` : "";
  write("report.txt", `${renderScanSummary(result)}${diff}`);
  return written;
}
