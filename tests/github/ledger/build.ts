import type { ScanResult, SkippedPaper } from "../../../src/scan/run-scan.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import type { SourceReport, SourceStatus, SourcesReport } from "../../../src/sources/report.ts";
import { emptyUsage, type LlmUsage } from "../../../src/triage/llm/triage-llm.ts";
import type { TriageReport } from "../../../src/triage/run.ts";
import { paperKey } from "../../../src/triage/text.ts";
import type { Decision, HoldReason, Verdict } from "../../../src/triage/verdict.ts";

// Small builders for the shapes a scan hands the ledger: papers, verdicts, a ScanResult.

export function paper(ids: Paper["ids"], title: string, extra: Partial<Paper> = {}): Paper {
  return {
    ids,
    title,
    abstract: `We study ${title.toLowerCase()} and find heads that do it.`,
    authors: ["Ada Lovelace"],
    published: "2026-05-30T12:00:00Z",
    categories: ["cs.CL"],
    links: {},
    sources: [ids.openreview && !ids.arxiv ? "openreview" : "arxiv"],
    ...extra,
  };
}

export function verdict(p: Paper, decision: Decision, extra: Partial<Verdict> & { held?: HoldReason } = {}): Verdict {
  return {
    key: paperKey(p),
    paper: p,
    decision,
    tags: [],
    newHeadTypes: [],
    droppedTags: [],
    flags: [],
    prefilter: { score: 3, passed: true, signals: [], registryMatches: [] },
    provenance: { stage: "llm", model: "gpt-5.4-mini", promptVersion: "triage.v1" },
    ...(decision === "relevant" || decision === "irrelevant" ? { confidence: 0.9, rationale: `judged ${decision}` } : { reason: `held: ${decision}` }),
    ...extra,
  };
}

function sourceReport(status: SourceStatus): SourceReport {
  return { status, ...(status === "failed" ? { reason: "arXiv answered HTTP 503" } : {}), requests: 1, retries: 0, pages: 1, papers: 0, notes: [] };
}

export function sourcesReport(window: { from: string; to: string }, statuses: { arxiv: SourceStatus; openreview: SourceStatus }): SourcesReport {
  return { window, sources: { arxiv: sourceReport(statuses.arxiv), openreview: sourceReport(statuses.openreview) }, papers: 0, merged: 0 };
}

export interface ScanParts {
  verdicts?: Verdict[];
  known?: Paper[];
  skipped?: SkippedPaper[];
  retried?: Paper[];
  sources?: SourcesReport;
  llm?: Partial<LlmUsage>;
}

export function scanResult(parts: ScanParts = {}): ScanResult {
  const verdicts = parts.verdicts ?? [];
  const count = (d: Decision) => verdicts.filter((v) => v.decision === d).length;
  const triage: TriageReport = {
    mode: "llm",
    verdicts,
    counts: {
      papers: verdicts.length,
      passedPrefilter: verdicts.length,
      relevant: count("relevant"),
      irrelevant: count("irrelevant"),
      needsManualTriage: count("needs-manual-triage"),
      notTriaged: count("not-triaged"),
      llmFailures: 0,
    },
    llm: { ...emptyUsage(), ...parts.llm },
    notes: [],
  };
  return {
    ...(parts.sources ? { sources: parts.sources } : {}),
    found: verdicts.length + (parts.known?.length ?? 0) + (parts.skipped?.length ?? 0),
    known: (parts.known ?? []).map((p) => ({ paper: p, key: "arxiv", entryTitle: p.title, line: 10 })),
    triage,
    edit: { document: "", inserted: [], refused: [] },
    insertions: [],
    ...(parts.skipped ? { skipped: parts.skipped } : {}),
    ...(parts.retried ? { retried: parts.retried } : {}),
  };
}

export const SHA = { a: "a".repeat(40), b: "b".repeat(40), c: "c".repeat(40) };
