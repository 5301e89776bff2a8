import { describe, expect, it } from "vitest";
import { createTerminalProgress, type RedrawTimer } from "../../../src/cli/progress/terminal-progress.ts";
import type { ScanProgressEvent } from "../../../src/scan/progress-events.ts";
import { fakeTerminal, renderScreen } from "./fake-terminal.ts";

const T0 = 1_000_000;

/** A redraw timer driven by hand. */
function manualTimer() {
  let tick: (() => void) | undefined;
  let interval: number | undefined;
  const timer: RedrawTimer = {
    every(ms, fn) {
      interval = ms;
      tick = fn;
      return () => {
        tick = undefined;
      };
    },
  };
  return { timer, tick: () => tick?.(), running: () => tick !== undefined, interval: () => interval };
}

describe("progress on a terminal", () => {
  it("redraws its block in place on the timer only, and leaves the last frame on screen when finished", () => {
    let now = T0;
    const terminal = fakeTerminal();
    const clock = manualTimer();
    const progress = createTerminalProgress(terminal.stream, { now: () => now, timer: clock.timer });
    expect(clock.interval()).toBe(100);
    expect(terminal.screen()).toEqual(["headscout scan · starting · 0:00"]);

    const events: ScanProgressEvent[] = [
      { kind: "stage", stage: "finding" },
      { source: "arxiv", kind: "source-started", queries: 1 },
      { source: "openreview", kind: "source-finished", status: "unavailable", papers: 0, reason: "no credentials" },
      { source: "arxiv", kind: "request-started" },
      { source: "arxiv", kind: "request-finished", status: 200 },
      { source: "arxiv", kind: "page", papers: 2 },
      { source: "arxiv", kind: "spacing-wait", ms: 3000 },
    ];
    const writes = terminal.written.length;
    for (const event of events) progress.onEvent(event);
    expect(terminal.written.length).toBe(writes); // events alone draw nothing

    now += 1100;
    clock.tick();
    expect(terminal.screen()).toEqual([
      "headscout scan · searching · 0:01",
      "  arXiv       1 request · 1 page · 2 papers · waiting 1.9 s for arXiv's request spacing",
      "  OpenReview  unavailable (no credentials)",
    ]);

    const rest: ScanProgressEvent[] = [
      { source: "arxiv", kind: "request-started" },
      { source: "arxiv", kind: "request-finished", status: 200 },
      { source: "arxiv", kind: "page", papers: 5 },
      { source: "arxiv", kind: "source-finished", status: "ok", papers: 5 },
      { kind: "stage", stage: "dropping-known", found: 5 },
      { kind: "stage", stage: "triaging", candidates: 4, known: 1 },
      { kind: "triage-started", mode: "offline", papers: 4, toJudge: 2 },
      { kind: "paper-judged", judged: 1, of: 2 },
      { kind: "paper-judged", judged: 2, of: 2 },
      { kind: "triage-finished", relevant: 1, held: 0, llmCalls: 0 },
      { kind: "stage", stage: "inserting", drafts: 1 },
      { kind: "stage", stage: "done", inserted: 1 },
    ];
    for (const event of rest) progress.onEvent(event);
    now += 5000;
    progress.finish();
    expect(clock.running()).toBe(false);
    terminal.stream.write("papers: 5 found\n");
    expect(terminal.screen()).toEqual([
      "headscout scan · done in 0:06 · 1 new entry",
      "  arXiv       ok · 2 requests · 2 pages · 5 papers",
      "  OpenReview  unavailable (no credentials)",
      "  catalog     5 papers found · 1 already listed",
      "  triage      offline · 4 papers · 1 relevant · 0 held · 2 dropped by the prefilter",
      "papers: 5 found",
    ]);

    // Finished is finished: later events and a second finish draw nothing.
    const after = terminal.written.length;
    progress.onEvent({ kind: "stage", stage: "finding" });
    progress.finish();
    expect(terminal.written.length).toBe(after);
  });

  it("cuts its lines to the terminal's width instead of wrapping them", () => {
    const terminal = fakeTerminal({ columns: 30 });
    const progress = createTerminalProgress(terminal.stream, { now: () => T0, timer: manualTimer().timer });
    progress.onEvent({ source: "openreview", kind: "source-finished", status: "unavailable", papers: 0, reason: "no credentials: set OPENREVIEW_USERNAME" });
    progress.finish();
    expect(terminal.screen()).toEqual(["headscout scan · starting · 0…", "  OpenReview  unavailable (no…"]);
  });

  it("draws on a pseudo-terminal nobody sized (0 columns, 0 rows) as on an 80×24 one", () => {
    const terminal = fakeTerminal({ columns: 0, rows: 0 });
    const progress = createTerminalProgress(terminal.stream, { now: () => T0, timer: manualTimer().timer });
    progress.finish();
    expect(terminal.screen()).toEqual(["headscout scan · starting · 0:00"]);
  });

  it("reads the screen as a terminal would (the helper itself)", () => {
    expect(renderScreen("one\ntwo\n\u001B[2K\u001B[1A\u001B[2K\u001B[1A\u001B[2K\u001B[GONE\nTWO\u001B[K\n")).toEqual(["ONE", "TWO"]);
  });
});
