import { quoteExcerpt } from "../../errors.ts";
import type { ScanResult } from "../../scan/run-scan.ts";
import type { SourcesReport } from "../../sources/report.ts";
import type { Verdict } from "../../triage/verdict.ts";
import { findPaperKey, indexPaperRecords } from "./find-paper.ts";
import { prunePapers } from "./prune-papers.ts";
import { recordSpend } from "./record-spend.ts";
import { LEDGER_LIMITS, type Ledger, type PaperState, type ScanSummary, type ScanTrigger, type VerdictRecord } from "./schema.ts";
import { settlePaper, upsertPaper } from "./upsert-paper.ts";

export interface RecordScanOptions {
  at: Date;
  trigger: ScanTrigger;
  /** Pull requests the scan opened or updated (the app). */
  prs?: { opened: number[]; updated: number[] };
}

/** States a new verdict or a catalog sighting does not change: a pull request's outcome decides them. */
const SETTLED: readonly PaperState[] = ["proposed", "merged", "rejected"];

/**
 * Folds one scan into the ledger: each source that searched successfully (ok, empty) moves its
 * window's end forward (a failed one keeps its old end, so the next scan covers the gap); each
 * verdict becomes the paper's last verdict (relevant / irrelevant → judged, held or left by a cap →
 * pending, with the whole paper so the next run can triage it without fetching it again); papers the
 * catalog lists become listed; skipped papers are marked seen; the LLM spend is added to the day;
 * long-irrelevant papers are pruned; a summary is appended. Returns that summary.
 */
export function recordScan(ledger: Ledger, result: ScanResult, options: RecordScanOptions): ScanSummary {
  const at = options.at.toISOString();
  if (result.sources) moveWindows(ledger, result.sources);

  const index = indexPaperRecords(ledger);
  for (const verdict of result.triage.verdicts) {
    const [, record] = upsertPaper(ledger, index, verdict.paper, at, "pending");
    record.verdict = verdictRecord(verdict, at);
    if (!SETTLED.includes(record.state) && record.state !== "listed") record.state = isJudgement(verdict) ? "judged" : "pending";
    settlePaper(record, verdict.paper);
  }
  for (const { paper } of result.known) {
    const [, record] = upsertPaper(ledger, index, paper, at, "listed");
    if (!SETTLED.includes(record.state)) record.state = "listed";
    settlePaper(record, paper);
  }
  // Seen again, so kept longer; a record gone since the scan read the ledger (a maintainer's edit) is not made up.
  for (const skipped of result.skipped ?? []) if (findPaperKey(ledger, skipped.key)) upsertPaper(ledger, index, skipped.paper, at, "judged");

  const { llm } = result.triage;
  if (llm.calls > 0 || llm.totalTokens > 0) recordSpend(ledger, at.slice(0, 10), { calls: llm.calls, tokens: llm.totalTokens, costUsd: llm.estimatedCostUsd });
  prunePapers(ledger, options.at);

  const summary = summarizeScan(result, at, options);
  ledger.scans.push(summary);
  ledger.scans.splice(0, Math.max(0, ledger.scans.length - LEDGER_LIMITS.scans));
  return summary;
}

function moveWindows(ledger: Ledger, report: SourcesReport): void {
  for (const [name, source] of Object.entries(report.sources) as [keyof SourcesReport["sources"], SourcesReport["sources"]["arxiv"]][]) {
    if (source.status !== "ok" && source.status !== "empty") continue;
    const previous = ledger.windows[name];
    // A search of an older window (a backfill) never moves the end back.
    if (!previous || Date.parse(report.window.to) > Date.parse(previous)) ledger.windows[name] = report.window.to;
  }
}

function isJudgement(verdict: Verdict): boolean {
  return verdict.decision === "relevant" || verdict.decision === "irrelevant";
}

/** A verdict as the ledger keeps it (also for papers a command judged). */
export function verdictRecord(verdict: Verdict, at: string): VerdictRecord {
  const { provenance } = verdict;
  const record: VerdictRecord = { decision: verdict.decision, stage: provenance.stage, at };
  if (verdict.confidence !== undefined) record.confidence = verdict.confidence;
  if (verdict.rationale) record.rationale = quoteExcerpt(verdict.rationale, LEDGER_LIMITS.text);
  if (verdict.reason) record.reason = quoteExcerpt(verdict.reason, LEDGER_LIMITS.text);
  if (verdict.held) record.held = verdict.held;
  if (provenance.model) record.model = provenance.model;
  if (provenance.promptVersion) record.promptVersion = provenance.promptVersion;
  if (provenance.offlineModelVersion) record.offlineModelVersion = provenance.offlineModelVersion;
  return record;
}

function summarizeScan(result: ScanResult, at: string, options: RecordScanOptions): ScanSummary {
  const { counts } = result.triage;
  const summary: ScanSummary = {
    at,
    trigger: options.trigger,
    counts: {
      found: result.found,
      known: result.known.length,
      skipped: result.skipped?.length ?? 0,
      retried: result.retried?.length ?? 0,
      triaged: counts.papers,
      relevant: counts.relevant,
      irrelevant: counts.irrelevant,
      pending: counts.needsManualTriage + counts.notTriaged,
      proposed: result.edit.inserted.length,
    },
  };
  if (result.sources) {
    summary.window = result.sources.window;
    summary.sources = Object.fromEntries(
      Object.entries(result.sources.sources).map(([name, s]) => [name, s.reason ? { status: s.status, reason: quoteExcerpt(s.reason, LEDGER_LIMITS.text) } : { status: s.status }]),
    );
  }
  if (options.prs) summary.prs = options.prs;
  return summary;
}
