import type { SourcesReport } from "../../../sources/report.ts";
import type { TriageReport } from "../../../triage/run.ts";
import { countOf } from "../describe-paper.ts";
import { describeSource, describeWindow, sourceEntries, sourceLabel } from "../describe-source.ts";
import { codeSpan, escapeForGitHub } from "../escape.ts";

export interface ScanReplyInput {
  /** Absent when the papers did not come from the sources (read from a file). */
  sources?: SourcesReport;
  /** Papers the sources reported, after merging. */
  found: number;
  /** Dropped before triage: the catalog lists them. */
  alreadyListed: number;
  /** Dropped before triage: an open headscout pull request proposes them. */
  alreadyProposed: number;
  /** Dropped before triage: the ledger has them as rejected, merged or judged before. */
  seenBefore: number;
  triage: Pick<TriageReport, "mode" | "counts" | "llm">;
  pullRequests: readonly { number: number; action: "opened" | "updated"; papers: number }[];
  /** Papers not proposed although new (held for a maintainer, not triaged, refused by the catalog check), and why. */
  skipped: readonly { key: string; title: string; reason: string }[];
  /** Relevant papers left for the next pull request (the grouped pull request's cap). */
  deferred: number;
}

const MAX_SKIPPED = 10;
const number = (n: number) => n.toLocaleString("en-US");

function sourceLines(sources: SourcesReport | undefined): string[] {
  if (!sources) return ["Papers were read from a file; no source was searched."];
  return [`Searched ${describeWindow(sources)}:`, "", ...sourceEntries(sources).map(([name, report]) => `- ${describeSource(name, report)}`)];
}

function countsLine({ found, alreadyListed, alreadyProposed, seenBefore, triage }: ScanReplyInput): string {
  const c = triage.counts;
  const dropped = [
    `${number(alreadyListed)} already in the catalog`,
    ...(alreadyProposed ? [`${number(alreadyProposed)} already in an open pull request`] : []),
    ...(seenBefore ? [`${number(seenBefore)} decided before`] : []),
  ];
  const judged = [
    `${number(c.passedPrefilter)} past the prefilter`,
    `${number(c.relevant)} relevant`,
    `${number(c.irrelevant)} irrelevant`,
    ...(c.needsManualTriage ? [`${number(c.needsManualTriage)} held for a maintainer`] : []),
    ...(c.notTriaged ? [`${number(c.notTriaged)} left for the next run (a cap was reached)`] : []),
  ];
  return `Papers: ${number(found)} found, ${dropped.join(", ")}; ${number(c.papers)} triaged: ${judged.join(", ")}.`;
}

function outcomeLine(input: ScanReplyInput): string {
  const failed = input.sources ? sourceEntries(input.sources).filter(([, r]) => r.status === "failed") : [];
  const prs = input.pullRequests.map((pr) => `${pr.action} #${Math.trunc(pr.number)} (${countOf(pr.papers, "paper")})`);
  const deferred = input.deferred ? ` ${countOf(input.deferred, "more paper")} ${input.deferred === 1 ? "waits" : "wait"} for the next pull request.` : "";
  const incomplete = failed.length
    ? ` ${failed.map(([name]) => sourceLabel(name)).join(" and ")} failed, so this scan is incomplete: that is not the same as no new papers.`
    : "";
  if (prs.length) return `Pull requests: ${prs.join(", ")}.${deferred}${incomplete}`;
  if (failed.length) return `No pull request.${incomplete}`;
  if (input.triage.counts.relevant === 0) return "No new papers to propose.";
  return `No pull request.${deferred}`;
}

function skippedLines(skipped: ScanReplyInput["skipped"]): string[] {
  if (skipped.length === 0) return [];
  const shown = skipped.slice(0, MAX_SKIPPED).map((s) => `- ${escapeForGitHub(s.title)} (${codeSpan(s.key)}): ${escapeForGitHub(s.reason)}`);
  if (skipped.length > MAX_SKIPPED) shown.push(`- … and ${skipped.length - MAX_SKIPPED} more`);
  return ["", "Not proposed:", "", ...shown];
}

function costLine({ mode, llm }: ScanReplyInput["triage"]): string {
  if (mode === "offline") return "Triage: offline classifier, no LLM calls.";
  const cached = llm.cacheHits ? `, ${countOf(llm.cacheHits, "answer")} from the cache` : "";
  return `LLM: ${number(llm.calls)} calls, ${number(llm.totalTokens)} tokens, about $${llm.estimatedCostUsd.toFixed(4)}${cached}.`;
}

/** The reply to a scan command: what each source did, what each stage kept, what was proposed, what it cost. */
export function renderScanReply(input: ScanReplyInput): string {
  return [...sourceLines(input.sources), "", countsLine(input), "", outcomeLine(input), ...skippedLines(input.skipped), "", costLine(input.triage)].join("\n");
}
