import { describe, expect, it } from "vitest";
import { IntakeLimiter } from "../../../src/github/intake/limiter.ts";

function clock(start = Date.parse("2026-06-03T12:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const MINUTE = 60_000;

describe("IntakeLimiter", () => {
  it("admits N submissions per repository in any hour, then says when the next one is possible", () => {
    const time = clock();
    const limiter = new IntakeLimiter({ perHour: 3, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.admit("o/r", `user${i}`)).toEqual({ kind: "admitted" });
      time.advance(10 * MINUTE);
    }
    // 12:30: the first of the hour was at 12:00, so the next is possible at 13:00.
    expect(limiter.admit("o/r", "spammer")).toEqual({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:00:00Z"), reply: true });
    // Another repository has its own hour.
    expect(limiter.admit("o/other", "spammer")).toEqual({ kind: "admitted" });
    time.advance(30 * MINUTE); // 13:00: the 12:00 one has left the window
    expect(limiter.admit("o/r", "spammer")).toEqual({ kind: "admitted" });
    expect(limiter.admit("o/r", "spammer")).toMatchObject({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:10:00Z") });
  });

  it("takes a repository's own limit, and says when enough of the hour frees up for it", () => {
    const time = clock();
    const limiter = new IntakeLimiter({ perHour: 10, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.admit("o/r", "a", 3).kind).toBe("admitted");
      time.advance(10 * MINUTE);
    }
    expect(limiter.admit("o/r", "a", 3)).toMatchObject({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:00:00Z") });
    // Lowered to 2 since: the second submission (12:10) has to leave the hour first.
    expect(limiter.admit("o/r", "b", 2)).toMatchObject({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:10:00Z") });
  });

  it("tells a flooding submitter once per window, each other submitter once too", () => {
    const time = clock();
    const limiter = new IntakeLimiter({ perHour: 1, now: time.now });
    limiter.admit("o/r", "first");
    expect(limiter.admit("o/r", "Spammer")).toMatchObject({ kind: "rate-limited", reply: true });
    expect(limiter.admit("o/r", "spammer")).toMatchObject({ kind: "rate-limited", reply: false });
    expect(limiter.admit("o/r", "someone-else")).toMatchObject({ kind: "rate-limited", reply: true });
    time.advance(61 * MINUTE);
    limiter.admit("o/r", "first");
    expect(limiter.admit("o/r", "spammer")).toMatchObject({ kind: "rate-limited", reply: true });
  });

  it("answers a submitter once per paper and outcome, across issues", () => {
    const limiter = new IntakeLimiter({ now: clock().now });
    const answer = (issue: number, outcome: "not-found" | "duplicate", paperKeys: string[], reply = `reply ${outcome}`) =>
      limiter.shouldAnswer("o/r", "alice", { issue, outcome, paperKeys, reply });
    expect(answer(1, "duplicate", ["title:x", "arxiv:2406.02128"])).toBe(true);
    // The same paper again (found by its id this time, other title spelling): no second answer.
    expect(answer(2, "duplicate", ["title:y", "arxiv:2406.02128"])).toBe(false);
    // Another outcome for the same paper is news.
    expect(answer(3, "not-found", ["title:x"])).toBe(true);
    // Another submitter is answered.
    expect(limiter.shouldAnswer("o/r", "bob", { issue: 4, outcome: "duplicate", paperKeys: ["arxiv:2406.02128"], reply: "r" })).toBe(true);
    // The same repository's other paper, another repository: answered.
    expect(answer(5, "duplicate", ["arxiv:2404.15574"])).toBe(true);
    expect(limiter.shouldAnswer("o/other", "alice", { issue: 1, outcome: "duplicate", paperKeys: ["arxiv:2406.02128"], reply: "r" })).toBe(true);
  });

  it("answers an edited issue again only when the answer changed, and always lets a proposal through again", () => {
    const limiter = new IntakeLimiter({ now: clock().now });
    const invalid = (reply: string) => limiter.shouldAnswer("o/r", "alice", { issue: 9, outcome: "invalid", paperKeys: ["issue:9"], reply });
    expect(invalid("Title is empty")).toBe(true);
    expect(invalid("Title is empty")).toBe(false);
    expect(invalid("Date is not a date")).toBe(true);
    const proposed = () => limiter.shouldAnswer("o/r", "alice", { issue: 9, outcome: "proposed", paperKeys: ["arxiv:1"], reply: "proposed arxiv:1" });
    expect(proposed()).toBe(true);
    expect(proposed()).toBe(true);
    expect(limiter.shouldAnswer("o/r", "alice", { issue: 10, outcome: "proposed", paperKeys: ["arxiv:1"], reply: "proposed arxiv:1" })).toBe(false);
  });

  it("forgets answers after the memory's span", () => {
    const time = clock();
    const limiter = new IntakeLimiter({ now: time.now, answerMemoryMs: 24 * 60 * MINUTE });
    const ask = (issue: number) => limiter.shouldAnswer("o/r", "alice", { issue, outcome: "not-found", paperKeys: ["title:x"], reply: "r" });
    expect(ask(1)).toBe(true);
    time.advance(23 * 60 * MINUTE);
    expect(ask(2)).toBe(false);
    time.advance(2 * 60 * MINUTE);
    expect(ask(3)).toBe(true);
  });
});
