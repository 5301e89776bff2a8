import { describe, expect, it } from "vitest";
import {
  COMMAND_LOG_LIMIT,
  commandsConfigSchema,
  formatNextAt,
  renderRateLimited,
  takeCommandSlot,
  type CommandLogEntry,
} from "../../../src/github/commands/rate-limit.ts";

const at = (time: string) => new Date(`2026-06-03T${time}Z`);

/** Commands accepted at these times, one after another, as the ledger would record them. */
function run(times: string[], perHour = 6): { log: CommandLogEntry[]; refused: string[] } {
  let log: CommandLogEntry[] = [];
  const refused: string[] = [];
  for (const time of times) {
    const decision = takeCommandSlot(log, "scan", at(time), { perHour });
    if (decision.allowed) log = decision.log;
    else refused.push(time);
  }
  return { log, refused };
}

describe("the per-repository command limit", () => {
  it("accepts six scans or adds in an hour by default, and says when the seventh is possible", () => {
    const { log } = run(["13:04:10", "13:10:00", "13:20:00", "13:30:00", "13:40:00", "13:50:00"]);
    expect(log).toHaveLength(6);
    const now = at("13:55:00");
    const decision = takeCommandSlot(log, "add", now);
    expect(decision).toMatchObject({ allowed: false, used: 6, nextAt: at("14:04:10") });
    if (decision.allowed) return;
    expect(decision.log).toEqual(log); // nothing to write
    expect(renderRateLimited("scan", decision, now)).toBe(
      "This repository has had 6 `scan`, `add` or `redraft` commands in the last hour, and its limit is 6 an hour (`commands.perHour` in `.github/headscout.yml`). The next scan is possible at 14:05 UTC.",
    );
  });

  it("frees a slot exactly an hour after the command that took it", () => {
    const { refused } = run(["13:00:00", "13:00:30", "13:59:59", "14:00:00", "14:00:29", "14:00:30"], 2);
    expect(refused).toEqual(["13:59:59", "14:00:29"]);
  });

  it("counts scans, adds and redrafts together, whichever kind asks", () => {
    let log: CommandLogEntry[] = [];
    for (const [kind, time] of [["scan", "10:00:00"], ["add", "10:01:00"], ["redraft", "10:02:00"]] as const) {
      const decision = takeCommandSlot(log, kind, at(time), { perHour: 3 });
      if (!decision.allowed) throw new Error("refused");
      log = decision.log;
    }
    expect(log.map((e) => e.kind)).toEqual(["scan", "add", "redraft"]);
    expect(takeCommandSlot(log, "add", at("10:30:00"), { perHour: 3 }).allowed).toBe(false);
  });

  it("keeps the log bounded: only the last hour, oldest first", () => {
    const old: CommandLogEntry[] = Array.from({ length: 40 }, (_, i) => ({ at: new Date(Date.parse("2026-06-02T00:00:00Z") + i * 60_000).toISOString(), kind: "scan" }));
    const decision = takeCommandSlot(old, "add", at("12:00:00"));
    expect(decision).toEqual({ allowed: true, log: [{ at: "2026-06-03T12:00:00.000Z", kind: "add" }] });
    const full = takeCommandSlot(
      Array.from({ length: 59 }, (_, i) => ({ at: new Date(Date.parse("2026-06-03T11:01:00Z") + i * 30_000).toISOString(), kind: "scan" as const })),
      "scan",
      at("12:00:00"),
      { perHour: 60 },
    );
    expect(full.allowed && full.log.length).toBe(COMMAND_LOG_LIMIT);
  });

  it("decides on the log as written, so a second replica after the first finds the slot taken", () => {
    const first = takeCommandSlot([], "scan", at("09:00:00"), { perHour: 1 });
    const second = takeCommandSlot(first.log, "scan", at("09:00:01"), { perHour: 1 });
    expect([first.allowed, second.allowed]).toEqual([true, false]);
  });

  it("says the day when the next slot is on another one, rounded up to the minute", () => {
    expect(formatNextAt(new Date("2026-06-04T00:04:01Z"), at("23:30:00"))).toBe("00:05 UTC on 2026-06-04");
    expect(formatNextAt(at("14:05:00"), at("13:30:00"))).toBe("14:05 UTC");
  });

  it("is configurable, default 6", () => {
    expect(commandsConfigSchema.parse({})).toEqual({ perHour: 6 });
    expect(commandsConfigSchema.safeParse({ perHour: 0 }).success).toBe(false);
    expect(commandsConfigSchema.safeParse({ perHuor: 3 }).success).toBe(false);
  });
});
