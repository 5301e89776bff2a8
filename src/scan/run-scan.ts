import { parseCatalog } from "../catalog/parse.ts";
import { requireCatalog } from "../catalog/read-catalog-file.ts";
import type { HeadRegistry } from "../catalog/registry.ts";
import type { Paper } from "../sources/paper.ts";
import type { SourcesReport } from "../sources/report.ts";
import type { TriageReport } from "../triage/run.ts";
import { draftEntry } from "../triage/verdict.ts";
import { diffInsertions, type InsertedBlock } from "./diff-insertions.ts";
import { dropKnownPapers, type KnownPaper } from "./drop-known-papers.ts";
import { insertDrafts, type CatalogEdit } from "./insert-drafts.ts";
import type { ProgressSink } from "./progress-events.ts";

/** The edges a scan runs over: where papers come from and who judges them. */
export interface ScanDeps {
  findPapers(): Promise<{ papers: Paper[]; report?: SourcesReport }>;
  triage(candidates: readonly Paper[]): Promise<TriageReport>;
  registry: HeadRegistry;
  /** Memory of earlier scans (the ledger): drops papers decided before, adds back those left undecided. */
  recall?: (found: readonly Paper[]) => RecalledPapers;
  /** Told of each stage as it begins (and, through the wiring, of the sources' and triage's progress). */
  onProgress?: ProgressSink;
}

/** What a scan's memory made of the papers found. */
export interface RecalledPapers {
  /** What goes on to the catalog check and triage: the found papers not skipped, then the retried ones. */
  papers: Paper[];
  /** Found papers decided in an earlier scan (rejected, proposed, judged…), and why. */
  skipped: SkippedPaper[];
  /** Papers from earlier scans tried again (not judged yet, or relevant and not yet proposed). */
  retried: Paper[];
}

export interface SkippedPaper {
  paper: Paper;
  /** The key the memory knows it by. */
  key: string;
  reason: string;
}

export interface ScanResult {
  /** Undefined when the papers came from a file rather than the sources. */
  sources?: SourcesReport;
  found: number;
  known: KnownPaper[];
  triage: TriageReport;
  edit: CatalogEdit;
  /** What the edit adds to the catalog (it never changes an existing line). */
  insertions: InsertedBlock[];
  /** With a memory (`recall`): found papers it skipped, and earlier papers it added back. */
  skipped?: SkippedPaper[];
  retried?: Paper[];
}

/**
 * One scan: find papers → (with a memory: skip those decided before, add back those left undecided)
 * → drop those the catalog already lists → triage the rest → draft entries
 * for the relevant ones → insert them all into the catalog text in one pass (one parse of the
 * catalog per scan; a text with no paper list is refused as "no catalog found"). Pure of I/O itself:
 * the caller decides whether the new document is shown (dry run), written, or proposed as a pull
 * request.
 */
export async function runScan(catalogText: string, deps: ScanDeps, catalogName = "the catalog"): Promise<ScanResult> {
  const catalog = requireCatalog(parseCatalog(catalogText, { registry: deps.registry }), catalogName);
  const progress = deps.onProgress;
  progress?.({ kind: "stage", stage: "finding" });
  const found = await deps.findPapers();
  const recalled = deps.recall?.(found.papers);
  const papers = recalled?.papers ?? found.papers;
  progress?.({ kind: "stage", stage: "dropping-known", found: papers.length });
  const { candidates, known } = dropKnownPapers(papers, catalog.entries);
  progress?.({ kind: "stage", stage: "triaging", candidates: candidates.length, known: known.length });
  const triage = await deps.triage(candidates);
  const drafts = triage.verdicts.flatMap((verdict) => draftEntry(verdict) ?? []);
  progress?.({ kind: "stage", stage: "inserting", drafts: drafts.length });
  const edit = insertDrafts(catalog, drafts, deps.registry);
  const insertions = diffInsertions(catalogText, edit.document);
  progress?.({ kind: "stage", stage: "done", inserted: edit.inserted.length });
  return {
    ...(found.report ? { sources: found.report } : {}),
    found: found.papers.length,
    known,
    triage,
    edit,
    insertions,
    ...(recalled ? { skipped: recalled.skipped, retried: recalled.retried } : {}),
  };
}
