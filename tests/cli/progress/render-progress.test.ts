import { describe, expect, it } from "vitest";
import type { ProgressState, SourceProgress } from "../../../src/cli/progress/progress-state.ts";
import { formatElapsed, renderProgress } from "../../../src/cli/progress/render-progress.ts";

const T0 = 1_000_000;
const searching: SourceProgress = { status: "searching", requests: 0, inFlight: false, pages: 0, papers: 0, retries: 0 };
const state = (over: Partial<ProgressState>): ProgressState => ({ startedAt: T0, now: T0, stage: "finding", sources: {}, ...over });

describe("the terminal's progress block", () => {
  const cases: { name: string; state: ProgressState; lines: string[]; width?: number }[] = [
    { name: "before anything", state: state({ stage: "starting" }), lines: ["headscout scan · starting · 0:00"] },
    { name: "reading papers from a file", state: state({ now: T0 + 1200 }), lines: ["headscout scan · finding papers · 0:01"] },
    {
      name: "a source about to send its first request",
      state: state({ sources: { arxiv: { ...searching, queries: 12 } } }),
      lines: ["headscout scan · searching · 0:00", "  arXiv  0 requests · 0 pages · 0 papers · starting (12 queries)"],
    },
    {
      name: "arXiv waiting for its spacing (what is left of the wait), OpenReview unavailable",
      state: state({
        now: T0 + 7_900,
        sources: {
          arxiv: { ...searching, requests: 3, pages: 3, papers: 600, waiting: { for: "spacing", ms: 3000, until: T0 + 10_000 } },
          openreview: { ...searching, status: "unavailable", reason: "no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD" },
        },
      }),
      lines: [
        "headscout scan · searching · 0:07",
        "  arXiv       3 requests · 3 pages · 600 papers · waiting 2.1 s for arXiv's request spacing",
        "  OpenReview  unavailable (no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD)",
      ],
    },
    {
      name: "a request under way, a retry waited for",
      state: state({
        now: T0 + 65_000,
        sources: {
          arxiv: { ...searching, requests: 4, pages: 3, papers: 601, inFlight: true },
          openreview: { ...searching, requests: 2, retries: 1, waiting: { for: "retry", reason: "HTTP 429", ms: 20_000, until: T0 + 70_000 } },
        },
      }),
      lines: [
        "headscout scan · searching · 1:05",
        "  arXiv       4 requests · 3 pages · 601 papers · request 4 under way",
        "  OpenReview  2 requests · 0 pages · 0 papers · 1 retry · HTTP 429; trying again in 5.0 s",
      ],
    },
    {
      name: "sources done, offline triage under way",
      state: state({
        stage: "triaging",
        now: T0 + 3_725_000,
        sources: {
          arxiv: { ...searching, status: "ok", requests: 5, pages: 5, papers: 612 },
          openreview: { ...searching, status: "failed", requests: 3, reason: "OpenReview answered HTTP 500" },
        },
        found: 612,
        known: 2,
        triage: { mode: "offline", papers: 610, toJudge: 40, judged: 12, llmCalls: 0, llmRunning: 0 },
      }),
      lines: [
        "headscout scan · triaging · 1:02:05",
        "  arXiv       ok · 5 requests · 5 pages · 612 papers",
        "  OpenReview  failed after 3 requests (OpenReview answered HTTP 500)",
        "  catalog     612 papers found · 2 already listed",
        "  triage      offline · 12 of 40 judged · 570 dropped by the prefilter",
      ],
    },
    {
      name: "LLM triage under way",
      state: state({ stage: "triaging", found: 3, known: 0, triage: { mode: "llm", papers: 3, toJudge: 3, judged: 0, llmCalls: 2, llmRunning: 2 } }),
      lines: ["headscout scan · triaging · 0:00", "  catalog  3 papers found · 0 already listed", "  triage   LLM · 3 papers to judge · 2 calls (2 running)"],
    },
    {
      name: "done",
      state: state({
        stage: "done",
        now: T0 + 14_000,
        found: 5,
        known: 1,
        inserted: 1,
        triage: { mode: "llm", papers: 4, toJudge: 2, judged: 2, llmCalls: 3, llmRunning: 0, finished: { relevant: 1, held: 1 } },
      }),
      lines: [
        "headscout scan · done in 0:14 · 1 new entry",
        "  catalog  5 papers found · 1 already listed",
        "  triage   LLM · 4 papers · 1 relevant · 1 held · 3 calls · 2 dropped by the prefilter",
      ],
    },
    { name: "done, nothing to add", state: state({ stage: "done", inserted: 0 }), lines: ["headscout scan · done in 0:00 · nothing to add"] },
    {
      name: "lines cut to the terminal's width",
      width: 40,
      state: state({ sources: { openreview: { ...searching, status: "unavailable", reason: "no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD" } } }),
      lines: ["headscout scan · searching · 0:00", "  OpenReview  unavailable (no credentia…"],
    },
  ];

  for (const { name, state: s, lines, width } of cases) {
    it(name, () => {
      expect(renderProgress(s, width ? { width } : {})).toEqual(lines);
    });
  }

  it("formats elapsed time as m:ss, or h:mm:ss past an hour", () => {
    expect([0, 999, 59_999, 60_000, 3_599_000, 3_600_000, 36_061_000].map(formatElapsed)).toEqual(["0:00", "0:00", "0:59", "1:00", "59:59", "1:00:00", "10:01:01"]);
  });
});
