import { describe, expect, it } from "vitest";
import { createPlainProgress } from "../../../src/cli/progress/plain-progress.ts";
import type { ScanProgressEvent } from "../../../src/scan/progress-events.ts";

const T0 = 1_000_000;

/** Plays events at their times (ms after T0) into the plain printer; returns what it wrote. */
function play(script: [number, ScanProgressEvent][], { finish = true } = {}): string {
  let now = T0;
  const written: string[] = [];
  const progress = createPlainProgress((text) => written.push(text), () => now);
  for (const [at, event] of script) {
    now = T0 + at;
    progress.onEvent(event);
  }
  if (finish) progress.finish();
  return written.join("");
}

/** One arXiv request and the page it brought, `ms` after `at`. */
const request = (at: number, papers: number, status = 200): [number, ScanProgressEvent][] => [
  [at, { source: "arxiv", kind: "request-started" }],
  [at + 400, { source: "arxiv", kind: "request-finished", status }],
  ...(status === 200 ? ([[at + 410, { source: "arxiv", kind: "page", papers }]] as [number, ScanProgressEvent][]) : []),
];

describe("plain progress lines (a pipe, a CI log)", () => {
  it("prints a line per page joined with the spacing wait after it, per retry and per source's end; then the catalog check, triage and the end", () => {
    const script: [number, ScanProgressEvent][] = [
      [0, { kind: "stage", stage: "finding" }],
      [0, { source: "arxiv", kind: "source-started", queries: 2 }],
      [0, { source: "openreview", kind: "source-finished", status: "unavailable", papers: 0, reason: "no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD" }],
      ...request(0, 200),
      [420, { source: "arxiv", kind: "spacing-wait", ms: 2580 }],
      ...request(3000, 400),
      [3420, { source: "arxiv", kind: "spacing-wait", ms: 2580 }],
      ...request(6000, 0, 503),
      [6400, { source: "arxiv", kind: "retry-wait", ms: 4000, reason: "HTTP 503" }],
      ...request(10_400, 450),
      [10_900, { source: "arxiv", kind: "source-finished", status: "ok", papers: 448 }],
      [10_900, { kind: "stage", stage: "dropping-known", found: 448 }],
      [10_900, { kind: "stage", stage: "triaging", candidates: 440, known: 8 }],
      [10_900, { kind: "triage-started", mode: "offline", papers: 440, toJudge: 40 }],
      // One paper a second: a line per tenth at most, and at most one every 5 s.
      ...Array.from({ length: 40 }, (_, i): [number, ScanProgressEvent] => [11_000 + i * 1000, { kind: "paper-judged", judged: i + 1, of: 40 }]),
      [51_000, { kind: "triage-finished", relevant: 3, held: 0, llmCalls: 0 }],
      [51_000, { kind: "stage", stage: "inserting", drafts: 3 }],
      [51_500, { kind: "stage", stage: "done", inserted: 3 }],
    ];
    expect(play(script)).toBe(
      [
        "[0:00] arXiv: searching (2 queries)",
        "[0:00] OpenReview: unavailable (no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD)",
        "[0:00] arXiv: page 1 (200 papers so far); waiting 2.6 s for arXiv's request spacing",
        "[0:03] arXiv: page 2 (400 papers so far); waiting 2.6 s for arXiv's request spacing",
        "[0:06] arXiv: HTTP 503; trying again in 4.0 s (retry 1)",
        "[0:10] arXiv: page 3 (450 papers so far)",
        "[0:10] arXiv: ok: 4 requests, 3 pages, 448 papers",
        "[0:10] scan: 448 papers found, 8 already in the catalog, 440 to triage",
        "[0:10] triage: 40 of 440 papers passed the prefilter; judging them with the offline classifier",
        "[0:16] triage: 6 of 40 judged",
        "[0:21] triage: 11 of 40 judged",
        "[0:26] triage: 16 of 40 judged",
        "[0:31] triage: 21 of 40 judged",
        "[0:36] triage: 26 of 40 judged",
        "[0:41] triage: 31 of 40 judged",
        "[0:46] triage: 36 of 40 judged",
        "[0:51] triage: done: 3 relevant, 0 held",
        "[0:51] scan: done in 0:51 (3 new entries)",
        "",
      ].join("\n"),
    );
  });

  it("prints the spacing wait on its own when no page came before it, and an empty or failed source", () => {
    const out = play([
      [0, { source: "openreview", kind: "source-started", queries: 3 }],
      [0, { source: "openreview", kind: "request-started" }],
      [300, { source: "openreview", kind: "request-finished", status: 200 }],
      [300, { source: "openreview", kind: "spacing-wait", ms: 700 }],
      [1000, { source: "openreview", kind: "request-started" }],
      [1200, { source: "openreview", kind: "request-finished", status: 200 }],
      [1210, { source: "openreview", kind: "page", papers: 0 }],
      [1220, { source: "openreview", kind: "source-finished", status: "empty", papers: 0 }],
      [1300, { source: "arxiv", kind: "source-finished", status: "failed", papers: 0, reason: "arXiv answered HTTP 400 for GET export.arxiv.org/api/query" }],
    ]);
    expect(out).toBe(
      [
        "[0:00] OpenReview: searching (3 queries)",
        "[0:00] OpenReview: waiting 0.7 s for OpenReview's request spacing",
        "[0:01] OpenReview: page 1 (0 papers so far)",
        "[0:01] OpenReview: empty: 2 requests, 1 page, 0 papers",
        "[0:01] arXiv: failed (arXiv answered HTTP 400 for GET export.arxiv.org/api/query)",
        "",
      ].join("\n"),
    );
  });

  it("counts LLM calls in a line every few seconds at most, and ends with the calls made", () => {
    const calls = Array.from({ length: 12 }, (_, i): [number, ScanProgressEvent][] => [
      [1000 + i * 1000, { kind: "llm-call", phase: "started" }],
      [1900 + i * 1000, { kind: "llm-call", phase: "finished" }],
    ]).flat();
    const out = play([
      [0, { kind: "stage", stage: "triaging", candidates: 12, known: 0 }],
      [0, { kind: "triage-started", mode: "llm", papers: 12, toJudge: 12 }],
      ...calls,
      [13_000, { kind: "triage-finished", relevant: 2, held: 1, llmCalls: 12 }],
    ]);
    expect(out).toBe(
      [
        "[0:00] scan: 0 papers found, 0 already in the catalog, 12 to triage",
        "[0:00] triage: 12 of 12 papers passed the prefilter; judging them with the LLM",
        "[0:05] triage: 5 LLM calls so far (1 running) for 12 papers",
        "[0:10] triage: 10 LLM calls so far (1 running) for 12 papers",
        "[0:13] triage: done: 2 relevant, 1 held, 12 LLM calls",
        "",
      ].join("\n"),
    );
  });

  it("says nothing of triage when there is nothing to triage", () => {
    const out = play([
      [0, { kind: "stage", stage: "dropping-known", found: 1 }],
      [0, { kind: "stage", stage: "triaging", candidates: 0, known: 1 }],
      [0, { kind: "triage-started", mode: "offline", papers: 0, toJudge: 0 }],
      [0, { kind: "triage-finished", relevant: 0, held: 0, llmCalls: 0 }],
      [0, { kind: "stage", stage: "done", inserted: 0 }],
    ]);
    expect(out).toBe("[0:00] scan: 1 paper found, 1 already in the catalog, 0 to triage\n[0:00] scan: done in 0:00 (nothing to add)\n");
  });

  it("prints a page held back when the scan stops, and nothing after finish", () => {
    let now = T0;
    const written: string[] = [];
    const progress = createPlainProgress((text) => written.push(text), () => now);
    progress.onEvent({ source: "arxiv", kind: "page", papers: 2 });
    expect(written).toEqual([]);
    now += 2000;
    progress.finish();
    progress.onEvent({ kind: "stage", stage: "done", inserted: 0 });
    progress.finish();
    expect(written).toEqual(["[0:00] arXiv: page 1 (2 papers so far)\n"]);
  });
});
