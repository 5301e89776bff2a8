import type { ScanProgressEvent, SourceName } from "../../scan/progress-events.ts";
import type { SourceStatus } from "../../sources/report.ts";

/** A wait under way: for the service's request spacing, or before trying a request again. */
export type SourceWait = { ms: number; until: number } & ({ for: "spacing" } | { for: "retry"; reason: string });

export interface SourceProgress {
  /** `searching` until the source's search ends. */
  status: "searching" | SourceStatus;
  queries?: number;
  /** Requests sent, retries (and OpenReview's login) included. */
  requests: number;
  /** A request is waiting for its answer. */
  inFlight: boolean;
  pages: number;
  /** Searching: papers kept so far (a paper two queries found counts twice). Finished: the source's count. */
  papers: number;
  retries: number;
  waiting?: SourceWait;
  /** Why the source failed or was unavailable. */
  reason?: string;
}

export interface TriageProgress {
  mode: "llm" | "offline";
  /** Distinct papers triaged, and those that passed the prefilter to be judged. */
  papers: number;
  toJudge: number;
  /** Judged so far (reported per paper by the offline classifier; in LLM mode known once triage ends). */
  judged: number;
  llmCalls: number;
  llmRunning: number;
  finished?: { relevant: number; held: number };
}

export type ScanStage = "starting" | "finding" | "dropping-known" | "triaging" | "inserting" | "done";

/** Everything a progress display shows, built from the scan's events alone. */
export interface ProgressState {
  startedAt: number;
  /** When the state was last brought up to date (an event, or a redraw's tick). */
  now: number;
  stage: ScanStage;
  sources: Partial<Record<SourceName, SourceProgress>>;
  /** Papers that went to the catalog check, and those it dropped as already listed. */
  found?: number;
  known?: number;
  triage?: TriageProgress;
  drafts?: number;
  inserted?: number;
}

export function initialProgress(at: number): ProgressState {
  return { startedAt: at, now: at, stage: "starting", sources: {} };
}

/** Brings the clock up to date (elapsed time, what is left of a wait) without an event. */
export function tickProgress(state: ProgressState, at: number): ProgressState {
  return at === state.now ? state : { ...state, now: at };
}

function newSource(): SourceProgress {
  return { status: "searching", requests: 0, inFlight: false, pages: 0, papers: 0, retries: 0 };
}

/** The state after `event`, which happened at `at` (ms on the scan's clock). Pure: `state` is left as it was. */
export function reduceProgress(state: ProgressState, event: ScanProgressEvent, at: number): ProgressState {
  const next: ProgressState = { ...state, now: Math.max(state.now, at) };
  switch (event.kind) {
    case "stage":
      switch (event.stage) {
        case "finding":
          return { ...next, stage: "finding" };
        case "dropping-known":
          return { ...next, stage: "dropping-known", found: event.found };
        case "triaging":
          return { ...next, stage: "triaging", known: event.known };
        case "inserting":
          return { ...next, stage: "inserting", drafts: event.drafts };
        case "done":
          return { ...next, stage: "done", inserted: event.inserted };
      }
      break;
    case "triage-started":
      return { ...next, triage: { mode: event.mode, papers: event.papers, toJudge: event.toJudge, judged: 0, llmCalls: 0, llmRunning: 0 } };
    case "paper-judged":
      return withTriage(next, (t) => ({ ...t, judged: event.judged }));
    case "llm-call":
      return withTriage(next, (t) =>
        event.phase === "started" ? { ...t, llmCalls: t.llmCalls + 1, llmRunning: t.llmRunning + 1 } : { ...t, llmRunning: Math.max(0, t.llmRunning - 1) },
      );
    case "triage-finished":
      return withTriage(next, (t) => ({ ...t, judged: t.toJudge, llmRunning: 0, llmCalls: Math.max(t.llmCalls, event.llmCalls), finished: { relevant: event.relevant, held: event.held } }));
    default:
      return withSource(next, event.source, (s) => reduceSource(s, event, next.now));
  }
  return next;
}

type SourceEventOf = Extract<ScanProgressEvent, { source: SourceName }>;

function reduceSource(source: SourceProgress, event: SourceEventOf, at: number): SourceProgress {
  switch (event.kind) {
    case "source-started":
      return { ...source, ...(event.queries !== undefined ? { queries: event.queries } : {}) };
    case "request-started": {
      const { waiting: _, ...rest } = source;
      return { ...rest, requests: source.requests + 1, inFlight: true };
    }
    case "request-finished":
      return { ...source, inFlight: false };
    case "spacing-wait":
      return { ...source, waiting: { for: "spacing", ms: event.ms, until: at + event.ms } };
    case "retry-wait":
      return { ...source, retries: source.retries + 1, waiting: { for: "retry", reason: event.reason, ms: event.ms, until: at + event.ms } };
    case "page":
      return { ...source, pages: source.pages + 1, papers: event.papers };
    case "source-finished": {
      const { waiting: _, reason: __, ...rest } = source;
      return { ...rest, status: event.status, papers: event.papers, inFlight: false, ...(event.reason !== undefined ? { reason: event.reason } : {}) };
    }
  }
}

function withSource(state: ProgressState, name: SourceName, change: (source: SourceProgress) => SourceProgress): ProgressState {
  return { ...state, sources: { ...state.sources, [name]: change(state.sources[name] ?? newSource()) } };
}

function withTriage(state: ProgressState, change: (triage: TriageProgress) => TriageProgress): ProgressState {
  // Triage events before triage-started (not sent by the pipeline) start from nothing known.
  return { ...state, triage: change(state.triage ?? { mode: "offline", papers: 0, toJudge: 0, judged: 0, llmCalls: 0, llmRunning: 0 }) };
}
