import type { ScanProgressEvent, SourceName } from "../../scan/progress-events.ts";
import { initialProgress, reduceProgress, type ProgressState } from "./progress-state.ts";
import { describeWait, formatElapsed, plural, SERVICE } from "./render-progress.ts";
import type { ProgressReporter } from "./create-progress.ts";

/** Triage progress lines come at most this often (and only per tenth of the papers, or of the calls so far). */
export const TRIAGE_LINE_MS = 5_000;

/**
 * Progress as plain lines, for a log (a pipe, a CI job): one line as each source starts, per page
 * read (joined with the wait for the service's spacing that follows it), per retry and as each
 * source ends; then the triage (its start, a line per tenth at most every few seconds, its end)
 * and the end of the scan. Never one per paper. Each line starts with the elapsed time.
 */
export function createPlainProgress(write: (text: string) => void, now: () => number): ProgressReporter {
  let state: ProgressState = initialProgress(now());
  /** A page line held back for a moment: when the spacing wait follows, both go on one line. */
  const pendingPage = new Map<SourceName, { at: number; text: string }>();
  let lastTriageLine = 0;
  let lastTenth = 0;
  let finished = false;

  const print = (at: number, text: string) => {
    write(`[${formatElapsed(at - state.startedAt)}] ${text}\n`);
  };
  const flush = (only?: SourceName) => {
    for (const [source, page] of pendingPage) {
      if (only && source !== only) continue;
      pendingPage.delete(source);
      print(page.at, page.text);
    }
  };
  const say = (at: number, text: string) => {
    flush();
    print(at, text);
  };
  const triageLine = (at: number, text: string) => {
    lastTriageLine = at;
    say(at, `triage: ${text}`);
  };

  const onEvent = (event: ScanProgressEvent) => {
    if (finished) return;
    const at = now();
    state = reduceProgress(state, event, at);
    if ("source" in event) {
      const name = SERVICE[event.source];
      const source = state.sources[event.source]!;
      if (event.kind === "spacing-wait") {
        const page = pendingPage.get(event.source);
        pendingPage.delete(event.source);
        const wait = describeWait(event.source, source.waiting!);
        return say(page?.at ?? at, page ? `${page.text}; ${wait}` : `${name}: ${wait}`);
      }
      flush(event.source);
      switch (event.kind) {
        case "source-started":
          return say(at, `${name}: searching${event.queries !== undefined ? ` (${plural(event.queries, "query", "queries")})` : ""}`);
        case "page":
          pendingPage.set(event.source, { at, text: `${name}: page ${source.pages} (${plural(event.papers, "paper")} so far)` });
          return;
        case "retry-wait":
          return say(at, `${name}: ${describeWait(event.source, source.waiting!)} (retry ${source.retries})`);
        case "source-finished": {
          const counts = `${plural(source.requests, "request")}, ${plural(source.pages, "page")}, ${plural(source.papers, "paper")}`;
          if (event.status === "ok" || event.status === "empty") return say(at, `${name}: ${event.status}: ${counts}`);
          return say(at, `${name}: ${event.status} (${event.reason ?? "no reason given"})`);
        }
        default:
          return; // requests show up as their pages, waits and retries
      }
    }
    switch (event.kind) {
      case "stage":
        if (event.stage === "triaging") {
          return say(at, `scan: ${plural(state.found ?? 0, "paper")} found, ${event.known} already in the catalog, ${event.candidates} to triage`);
        }
        if (event.stage === "done") {
          return say(at, `scan: done in ${formatElapsed(at - state.startedAt)} (${event.inserted ? plural(event.inserted, "new entry", "new entries") : "nothing to add"})`);
        }
        return;
      case "triage-started": {
        if (event.papers === 0) return; // the scan's line before said there is nothing to triage
        const how = event.mode === "llm" ? "with the LLM" : "with the offline classifier";
        lastTenth = 0;
        return triageLine(at, `${event.toJudge} of ${plural(event.papers, "paper")} passed the prefilter; judging them ${how}`);
      }
      case "paper-judged": {
        const tenth = Math.floor((event.judged * 10) / Math.max(1, event.of));
        if (event.judged >= event.of || tenth <= lastTenth || at - lastTriageLine < TRIAGE_LINE_MS) return;
        lastTenth = tenth;
        return triageLine(at, `${event.judged} of ${event.of} judged`);
      }
      case "llm-call": {
        const triage = state.triage!;
        if (event.phase === "finished" || at - lastTriageLine < TRIAGE_LINE_MS) return;
        return triageLine(at, `${plural(triage.llmCalls, "LLM call")} so far (${triage.llmRunning} running) for ${plural(triage.toJudge, "paper")}`);
      }
      case "triage-finished": {
        if (!state.triage?.papers) return;
        const calls = state.triage?.mode === "llm" ? `, ${plural(event.llmCalls, "LLM call")}` : "";
        return triageLine(at, `done: ${event.relevant} relevant, ${event.held} held${calls}`);
      }
    }
  };

  return {
    onEvent,
    finish() {
      if (finished) return;
      flush();
      finished = true;
    },
  };
}
