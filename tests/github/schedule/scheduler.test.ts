import { describe, expect, it } from "vitest";
import { Scheduler, type Timers } from "../../../src/github/schedule/scheduler.ts";
import { jitterFor, latestTick, missedTick } from "../../../src/github/schedule/ticks.ts";

/** Timers whose clock moves only when the test says. */
function manualTimers(start: string) {
  let now = Date.parse(start);
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const advanceTo = (iso: string) => {
    const target = Date.parse(iso);
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = target;
  };
  return { timers, advanceTo, pending };
}

describe("scheduled scans", () => {
  it("ticks at each cron time plus the repository's steady jitter, and again the next day", () => {
    const { timers, advanceTo } = manualTimers("2026-11-20T05:00:00Z");
    const ticks: string[] = [];
    const scheduler = new Scheduler({ timers, maxJitterMs: 30 * 60_000, onTick: (key) => ticks.push(`${key}@${new Date(timers.now()).toISOString()}`) });
    scheduler.set("octo/catalog", "0 6 * * *");
    const jitter = jitterFor("octo/catalog", 30 * 60_000);
    expect(scheduler.nextRun("octo/catalog")!.getTime()).toBe(Date.parse("2026-11-20T06:00:00Z") + jitter);
    advanceTo("2026-11-21T07:00:00Z");
    expect(ticks).toEqual([
      `octo/catalog@${new Date(Date.parse("2026-11-20T06:00:00Z") + jitter).toISOString()}`,
      `octo/catalog@${new Date(Date.parse("2026-11-21T06:00:00Z") + jitter).toISOString()}`,
    ]);
  });

  it("stops ticking for a repository whose schedule is turned off, and reschedules a changed one", () => {
    const { timers, advanceTo, pending } = manualTimers("2026-11-20T05:00:00Z");
    const ticks: string[] = [];
    const scheduler = new Scheduler({ timers, maxJitterMs: 0, onTick: (key) => ticks.push(key) });
    scheduler.set("a/b", "0 6 * * *");
    scheduler.set("a/b", "0 8 * * 1");
    expect(pending.size).toBe(1);
    scheduler.set("c/d", "0 6 * * *");
    scheduler.set("c/d", "off");
    advanceTo("2026-11-22T00:00:00Z");
    expect(ticks).toEqual([]);
    advanceTo("2026-11-23T08:00:00Z");
    expect(ticks).toEqual(["a/b"]);
  });

  it("waits in steps for a monthly tick beyond Node's longest timer", () => {
    const { timers, advanceTo } = manualTimers("2026-01-01T01:00:00Z");
    const ticks: number[] = [];
    const scheduler = new Scheduler({ timers, maxJitterMs: 0, onTick: () => ticks.push(timers.now()) });
    scheduler.set("a/b", "0 0 1 3 *");
    advanceTo("2026-03-02T00:00:00Z");
    expect(ticks).toEqual([Date.parse("2026-03-01T00:00:00Z")]);
  });

  it("runs a tick missed during a restart once, not once per missed tick", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(latestTick("0 6 * * *", now)!.toISOString()).toBe("2026-11-23T06:00:00.000Z");
    expect(missedTick("0 6 * * *", new Date("2026-11-20T06:10:00Z"), now)).toBe(true);
    expect(missedTick("0 6 * * *", new Date("2026-11-23T06:05:00Z"), now)).toBe(false);
    expect(missedTick("0 6 * * *", undefined, now)).toBe(false);
  });
});
