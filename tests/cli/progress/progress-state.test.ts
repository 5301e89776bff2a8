import { describe, expect, it } from "vitest";
import { initialProgress, reduceProgress, tickProgress, type ProgressState } from "../../../src/cli/progress/progress-state.ts";
import type { ScanProgressEvent } from "../../../src/scan/progress-events.ts";

const T0 = 1_000_000;

/** Events at their times (ms after T0). */
function replay(events: [number, ScanProgressEvent][]): ProgressState {
  return events.reduce((state, [at, event]) => reduceProgress(state, event, T0 + at), initialProgress(T0));
}

const arxivBase = { status: "searching", requests: 0, inFlight: false, pages: 0, papers: 0, retries: 0 } as const;

describe("the progress state", () => {
  const cases: { name: string; events: [number, ScanProgressEvent][]; expected: Partial<ProgressState> }[] = [
    { name: "nothing yet", events: [], expected: { stage: "starting", sources: {}, now: T0 } },
    {
      name: "a source starts and sends a request",
      events: [
        [0, { kind: "stage", stage: "finding" }],
        [5, { source: "arxiv", kind: "source-started", queries: 12 }],
        [10, { source: "arxiv", kind: "request-started" }],
      ],
      expected: { stage: "finding", now: T0 + 10, sources: { arxiv: { ...arxivBase, queries: 12, requests: 1, inFlight: true } } },
    },
    {
      name: "a page read, then the wait for the spacing (until when)",
      events: [
        [0, { source: "arxiv", kind: "request-started" }],
        [400, { source: "arxiv", kind: "request-finished", status: 200 }],
        [410, { source: "arxiv", kind: "page", papers: 200 }],
        [420, { source: "arxiv", kind: "spacing-wait", ms: 2580 }],
      ],
      expected: { sources: { arxiv: { ...arxivBase, requests: 1, pages: 1, papers: 200, waiting: { for: "spacing", ms: 2580, until: T0 + 3000 } } } },
    },
    {
      name: "the next request ends the wait",
      events: [
        [0, { source: "arxiv", kind: "spacing-wait", ms: 3000 }],
        [3000, { source: "arxiv", kind: "request-started" }],
      ],
      expected: { sources: { arxiv: { ...arxivBase, requests: 1, inFlight: true } } },
    },
    {
      name: "a retry is counted, with its reason and wait",
      events: [
        [0, { source: "openreview", kind: "request-started" }],
        [100, { source: "openreview", kind: "request-finished", status: 429 }],
        [100, { source: "openreview", kind: "retry-wait", ms: 20_000, reason: "HTTP 429" }],
      ],
      expected: { sources: { openreview: { ...arxivBase, requests: 1, retries: 1, waiting: { for: "retry", reason: "HTTP 429", ms: 20_000, until: T0 + 20_100 } } } },
    },
    {
      name: "a source's end gives its status, count and reason",
      events: [
        [0, { source: "arxiv", kind: "page", papers: 7 }],
        [1, { source: "arxiv", kind: "spacing-wait", ms: 3000 }],
        [2, { source: "arxiv", kind: "source-finished", status: "failed", papers: 5, reason: "arXiv kept failing (HTTP 503)" }],
        [3, { source: "openreview", kind: "source-finished", status: "unavailable", papers: 0, reason: "no credentials" }],
      ],
      expected: {
        sources: {
          arxiv: { ...arxivBase, status: "failed", pages: 1, papers: 5, reason: "arXiv kept failing (HTTP 503)" },
          openreview: { ...arxivBase, status: "unavailable", reason: "no credentials" },
        },
      },
    },
    {
      name: "the catalog check and triage, offline",
      events: [
        [0, { kind: "stage", stage: "dropping-known", found: 31 }],
        [1, { kind: "stage", stage: "triaging", candidates: 29, known: 2 }],
        [2, { kind: "triage-started", mode: "offline", papers: 29, toJudge: 4 }],
        [3, { kind: "paper-judged", judged: 3, of: 4 }],
      ],
      expected: { stage: "triaging", found: 31, known: 2, triage: { mode: "offline", papers: 29, toJudge: 4, judged: 3, llmCalls: 0, llmRunning: 0 } },
    },
    {
      name: "LLM calls running and done, then triage's end",
      events: [
        [0, { kind: "triage-started", mode: "llm", papers: 10, toJudge: 6 }],
        [1, { kind: "llm-call", phase: "started" }],
        [2, { kind: "llm-call", phase: "started" }],
        [3, { kind: "llm-call", phase: "finished" }],
      ],
      expected: { triage: { mode: "llm", papers: 10, toJudge: 6, judged: 0, llmCalls: 2, llmRunning: 1 } },
    },
    {
      name: "triage's end: all judged, the outcome kept",
      events: [
        [0, { kind: "triage-started", mode: "llm", papers: 10, toJudge: 6 }],
        [1, { kind: "llm-call", phase: "started" }],
        [9, { kind: "triage-finished", relevant: 2, held: 1, llmCalls: 7 }],
      ],
      expected: { triage: { mode: "llm", papers: 10, toJudge: 6, judged: 6, llmCalls: 7, llmRunning: 0, finished: { relevant: 2, held: 1 } } },
    },
    {
      name: "inserting, then done",
      events: [
        [0, { kind: "stage", stage: "inserting", drafts: 3 }],
        [14_000, { kind: "stage", stage: "done", inserted: 2 }],
      ],
      expected: { stage: "done", drafts: 3, inserted: 2, now: T0 + 14_000 },
    },
  ];

  for (const { name, events, expected } of cases) {
    it(name, () => {
      expect(replay(events)).toMatchObject({ startedAt: T0, ...expected });
    });
  }

  it("leaves the state it was given as it was", () => {
    const before = replay([[0, { source: "arxiv", kind: "request-started" }]]);
    const copy = structuredClone(before);
    reduceProgress(before, { source: "arxiv", kind: "page", papers: 3 }, T0 + 5);
    reduceProgress(before, { kind: "stage", stage: "done", inserted: 0 }, T0 + 5);
    expect(before).toEqual(copy);
  });

  it("moves the clock on a tick without changing anything else, and never back on an event", () => {
    const state = replay([[100, { source: "arxiv", kind: "spacing-wait", ms: 3000 }]]);
    expect(tickProgress(state, T0 + 1600)).toEqual({ ...state, now: T0 + 1600 });
    expect(tickProgress(state, state.now)).toBe(state);
    expect(reduceProgress(tickProgress(state, T0 + 1600), { source: "arxiv", kind: "request-started" }, T0 + 1500).now).toBe(T0 + 1600);
  });
});
