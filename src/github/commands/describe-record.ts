import { quoteExcerpt } from "../../errors.ts";
import type { PaperRecord, VerdictRecord } from "../ledger/schema.ts";
import { codeSpan, escapeForGitHub } from "../proposal/escape.ts";

// How the ledger's records read in replies and on the dashboard. Everything from the ledger is
// untrusted text (titles come from papers, logins and reasons from GitHub and services, and a
// maintainer may edit the document): escaped here, once.

/** "2026-06-01" from an ISO instant. */
export function formatDay(instant: string): string {
  return escapeForGitHub(instant.slice(0, 10));
}

/** "2026-06-03 06:12 UTC" from an ISO instant. */
export function formatInstant(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(instant);
  return match ? `${match[1]} ${match[2]} UTC` : escapeForGitHub(instant);
}

/** A title as a reply shows it: shortened, escaped. */
export function shownTitle(title: string, max = 150): string {
  return escapeForGitHub(quoteExcerpt(title, max));
}

/** "#42" (a reference GitHub links), or "a pull request" when the record names none. */
export function prRef(pr: number | undefined): string {
  return pr ? `#${pr}` : "a pull request";
}

/** "**Title** (`arxiv:2404.15574`)". */
export function paperLabel(title: string, key: string): string {
  return `**${shownTitle(title)}** (${codeSpan(key)})`;
}

/** A rationale or reason from the ledger, shortened and escaped. */
export function shownText(text: string, max = 300): string {
  return escapeForGitHub(quoteExcerpt(text, max));
}

/** Who judged: the keyword prefilter, the LLM (its model) or the offline classifier. */
export function judgeOf(verdict: VerdictRecord): string {
  if (verdict.stage === "prefilter") return "the keyword prefilter";
  if (verdict.stage === "offline") return "the offline classifier";
  return `the LLM${verdict.model ? ` ${codeSpan(verdict.model)}` : ""}`;
}

/**
 * How likely triage thought the paper is about attention heads: the confidence of a relevant
 * verdict, one minus that of an irrelevant one (the offline classifier's probability exactly; the
 * LLM gives its confidence in its answer). Undefined without a confidence (the prefilter, holds).
 */
export function relevanceOf(verdict: VerdictRecord | undefined): number | undefined {
  if (verdict?.confidence === undefined || verdict.stage === "prefilter") return undefined;
  if (verdict.decision === "relevant") return verdict.confidence;
  if (verdict.decision === "irrelevant") return Math.round((1 - verdict.confidence) * 1000) / 1000;
  return undefined;
}

const HOLDS: Record<NonNullable<VerdictRecord["held"]>, string> = {
  "instructions-in-text": "its title or abstract addresses a tool or model reading it, so a maintainer should judge it",
  refused: "the LLM refused to judge it",
  "llm-failed": "the LLM service gave no answer (tried again every scan)",
  "answer-unusable": "the LLM's answers were unusable (tried again every scan)",
};

/** Whether a pending paper waits for a person (not for the next scan). */
export function needsPerson(record: PaperRecord): boolean {
  return record.state === "pending" && (record.verdict?.held === "instructions-in-text" || record.verdict?.held === "refused");
}

/** Why a pending paper is pending, in a clause: its hold, else the reason triage left it (a cap), else a lifted rejection. */
export function describePending(record: PaperRecord): string {
  const verdict = record.verdict;
  if (verdict?.held) return HOLDS[verdict.held];
  if (verdict?.reason) return `${shownText(verdict.reason)} (tried again on the next scan)`;
  return "it waits to be triaged again on the next scan";
}

/** A rationale quoted in a sentence: shortened, escaped, without its own final full stop. */
export function quotedRationale(text: string, max = 300): string {
  return `“${shownText(text, max).replace(/\.$/, "")}”`;
}

const HOW: Record<NonNullable<PaperRecord["rejection"]>["how"], string> = {
  closed: "its pull request was closed without merging",
  unticked: "it was unticked in",
  dropped: "it was dropped from",
};

/** "its pull request was closed without merging (#42) by alice on 2026-06-01". */
export function describeRejection(record: PaperRecord): string {
  const rejection = record.rejection;
  const pr = prRef(rejection?.pr ?? record.proposal);
  if (!rejection) return `it was rejected in ${pr}`;
  const where = rejection.how === "closed" ? `${HOW.closed} (${pr})` : `${HOW[rejection.how]} ${pr}`;
  return `${where}${rejection.by ? ` by ${escapeForGitHub(rejection.by)}` : ""} on ${formatDay(rejection.at)}`;
}
