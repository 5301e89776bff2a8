/**
 * What a scan reports as it goes, for a progress display (the CLI's, on stderr). Every sink is
 * optional: the app and the Action pass none, and nothing here changes what a scan does.
 */

import type { SourceName, SourceStatus } from "../sources/report.ts";

export type { SourceName };

/** What one service's requests report (src/sources/http/request.ts), and a search client's pages. */
export type RequestEvent =
  | { kind: "request-started" }
  /** `status` is undefined when no answer came (a network failure, a timeout). */
  | { kind: "request-finished"; status?: number }
  /** The service's throttle holds the next request back this long (arXiv asks for 3 s between requests). */
  | { kind: "spacing-wait"; ms: number }
  /** A request failed or was throttled (`reason`: "HTTP 503", a timeout…) and is tried again after `ms`. */
  | { kind: "retry-wait"; ms: number; reason: string }
  /** A search client read a page; `papers` is what the search kept so far (before merging duplicates). */
  | { kind: "page"; papers: number };

export type SourceEvent =
  | RequestEvent
  | { kind: "source-started"; queries?: number }
  | { kind: "source-finished"; status: SourceStatus; papers: number; reason?: string };

export type ScanStageEvent =
  /** Searching the sources (their own events follow), or reading papers recorded earlier. */
  | { kind: "stage"; stage: "finding" }
  /** Papers going to the catalog check: those found (sources merged), less and plus what the ledger skipped and retried. */
  | { kind: "stage"; stage: "dropping-known"; found: number }
  /** `candidates` go on to triage; `known` were dropped as already listed. */
  | { kind: "stage"; stage: "triaging"; candidates: number; known: number }
  | { kind: "stage"; stage: "inserting"; drafts: number }
  | { kind: "stage"; stage: "done"; inserted: number };

export type TriageEvent =
  /** `papers`: distinct papers; `toJudge`: those that passed the prefilter and go to the LLM or the classifier. */
  | { kind: "triage-started"; mode: "llm" | "offline"; papers: number; toJudge: number }
  | { kind: "paper-judged"; judged: number; of: number }
  | { kind: "llm-call"; phase: "started" | "finished" }
  | { kind: "triage-finished"; relevant: number; held: number; llmCalls: number };

export type ScanProgressEvent = ScanStageEvent | TriageEvent | ({ source: SourceName } & SourceEvent);

export type ProgressSink = (event: ScanProgressEvent) => void;
