import { describe, expect, it } from "vitest";
import { prunePapers } from "../../../src/github/ledger/prune-papers.ts";
import { recordDelivery } from "../../../src/github/ledger/record-delivery.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { recordSpend, spendOn } from "../../../src/github/ledger/record-spend.ts";
import { COMMAND_LOG_LIMIT } from "../../../src/github/commands/rate-limit.ts";
import { emptyLedger, LEDGER_LIMITS, ledgerSchema, type PaperState } from "../../../src/github/ledger/schema.ts";
import type { Decision } from "../../../src/triage/verdict.ts";
import { paper, scanResult, verdict } from "./build.ts";

describe("the ledger stays bounded", () => {
  it("acts on a webhook delivery once, and remembers the last 500", () => {
    const ledger = emptyLedger();
    expect(recordDelivery(ledger, "d-1")).toBe(true);
    expect(recordDelivery(ledger, "d-1")).toBe(false);
    for (let i = 2; i <= 600; i++) recordDelivery(ledger, `d-${i}`);
    expect(ledger.deliveries).toHaveLength(LEDGER_LIMITS.deliveries);
    expect(ledger.deliveries[0]).toBe("d-101");
    expect(recordDelivery(ledger, "d-600")).toBe(false);
  });

  it("adds spend per UTC day and keeps 40 days", () => {
    const ledger = emptyLedger();
    recordSpend(ledger, "2026-04-01", { calls: 9, tokens: 9000, costUsd: 0.01 });
    recordSpend(ledger, "2026-05-11", { calls: 1, tokens: 100, costUsd: 0.1 });
    expect(recordSpend(ledger, "2026-05-11", { calls: 2, tokens: 250, costUsd: 0.2 })).toEqual({ calls: 3, tokens: 350, costUsd: 0.3 });
    expect(Object.keys(ledger.spend)).toEqual(["2026-05-11"]);
    recordSpend(ledger, "2026-06-19", { calls: 1, tokens: 1, costUsd: 0 });
    expect(Object.keys(ledger.spend)).toEqual(["2026-05-11", "2026-06-19"]);
    recordSpend(ledger, "2026-06-20", { calls: 1, tokens: 1, costUsd: 0 });
    expect(Object.keys(ledger.spend)).toEqual(["2026-06-19", "2026-06-20"]);
    expect(spendOn(ledger, "2026-01-01")).toEqual({ calls: 0, tokens: 0, costUsd: 0 });
  });

  it("keeps the commands log of the hourly limit: a ledger without one reads as empty, one too long or of an unknown kind is refused", () => {
    const parse = (extra: object) => ledgerSchema.safeParse({ ...emptyLedger(), ...extra });
    const { commands: _, ...old } = emptyLedger();
    expect(ledgerSchema.parse(old).commands).toEqual([]);
    const entry = { at: "2026-06-01T10:00:00.000Z", kind: "scan" };
    expect(parse({ commands: Array.from({ length: COMMAND_LOG_LIMIT }, () => entry) }).success).toBe(true);
    expect(parse({ commands: Array.from({ length: COMMAND_LOG_LIMIT + 1 }, () => entry) }).success).toBe(false);
    expect(parse({ commands: [{ ...entry, kind: "help" }] }).success).toBe(false);
  });

  it("keeps the last 20 scan summaries", () => {
    const ledger = emptyLedger();
    for (let day = 1; day <= 25; day++) recordScan(ledger, scanResult(), { at: new Date(Date.UTC(2026, 5, day)), trigger: "schedule" });
    expect(ledger.scans).toHaveLength(LEDGER_LIMITS.scans);
    expect(ledger.scans[0]!.at).toBe("2026-06-06T00:00:00.000Z");
  });

  it.each<[PaperState, Decision, boolean]>([
    ["judged", "irrelevant", true],
    ["judged", "relevant", false],
    ["pending", "not-triaged", false],
    ["proposed", "relevant", false],
    ["merged", "relevant", false],
    ["rejected", "relevant", false],
    ["listed", "irrelevant", false],
  ])("forgets a %s (%s) paper unseen for 180 days: %s", (state, decision, forgotten) => {
    const ledger = emptyLedger();
    const old = paper({ arxiv: "2501.00001" }, "Attention Heads of Old That Nobody Cites Anymore");
    recordScan(ledger, scanResult({ verdicts: [verdict(old, decision)] }), { at: new Date("2026-01-01T00:00:00Z"), trigger: "schedule" });
    ledger.papers["arxiv:2501.00001"]!.state = state;
    expect(prunePapers(ledger, new Date("2026-06-29T00:00:00Z"))).toEqual([]);
    expect(prunePapers(ledger, new Date("2026-06-30T00:00:01Z"))).toEqual(forgotten ? ["arxiv:2501.00001"] : []);
  });

  it("forgets a paper only the prefilter turned away after 30 days unseen (judging it again is free)", () => {
    const ledger = emptyLedger();
    const turnedAway = paper({ arxiv: "2501.00002" }, "A Survey of Protein Folding Benchmarks");
    const judged = paper({ arxiv: "2501.00003" }, "Attention Sinks Are Not Heads After All");
    recordScan(ledger, scanResult({ verdicts: [verdict(turnedAway, "irrelevant", { provenance: { stage: "prefilter" } }), verdict(judged, "irrelevant")] }), { at: new Date("2026-01-01T00:00:00Z"), trigger: "schedule" });
    expect(prunePapers(ledger, new Date("2026-01-30T00:00:00Z"))).toEqual([]);
    expect(prunePapers(ledger, new Date("2026-01-31T00:00:01Z"))).toEqual(["arxiv:2501.00002"]);
    expect(Object.keys(ledger.papers)).toEqual(["arxiv:2501.00003"]);
  });
});
