import { describe, expect, it } from "vitest";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger, type Ledger, type PaperState } from "../../../src/github/ledger/schema.ts";
import type { SourceStatus } from "../../../src/sources/report.ts";
import type { Decision } from "../../../src/triage/verdict.ts";
import { paper, scanResult, sourcesReport, verdict } from "./build.ts";

const at = new Date("2026-06-03T06:00:00Z");
const induction = paper({ arxiv: "2404.15574", arxivVersion: 2 }, "Retrieval Head Mechanistically Explains Long-Context Factuality");
const window = { from: "2026-05-27T00:00:00.000Z", to: "2026-06-03T06:00:00.000Z" };

describe("recordScan", () => {
  it.each<[SourceStatus, SourceStatus, Ledger["windows"]]>([
    ["ok", "empty", { arxiv: window.to, openreview: window.to }],
    ["ok", "failed", { arxiv: window.to }],
    ["failed", "unavailable", {}],
    ["empty", "unavailable", { arxiv: window.to }],
  ])("moves a source's window only when it searched successfully (arxiv %s, openreview %s)", (arxiv, openreview, windows) => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ sources: sourcesReport(window, { arxiv, openreview }) }), { at, trigger: "schedule" });
    expect(ledger.windows).toEqual(windows);
  });

  it("never moves a window back when an older window is searched again", () => {
    const ledger = emptyLedger();
    ledger.windows.arxiv = "2026-06-10T00:00:00.000Z";
    recordScan(ledger, scanResult({ sources: sourcesReport(window, { arxiv: "ok", openreview: "ok" }) }), { at, trigger: "cli" });
    expect(ledger.windows).toEqual({ arxiv: "2026-06-10T00:00:00.000Z", openreview: window.to });
  });

  it.each<[Decision, PaperState, boolean]>([
    ["relevant", "judged", true],
    ["irrelevant", "judged", false],
    ["needs-manual-triage", "pending", true],
    ["not-triaged", "pending", true],
  ])("a %s verdict leaves the paper %s (whole paper kept: %s)", (decision, state, keepsPaper) => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, decision)] }), { at, trigger: "schedule" });
    const record = ledger.papers["arxiv:2404.15574"]!;
    expect(record.state).toBe(state);
    expect(record.verdict).toMatchObject({ decision, stage: "llm", model: "gpt-5.4-mini", promptVersion: "triage.v1", at: at.toISOString() });
    expect(record.identity).toMatchObject({ arxiv: "2404.15574", title: "retrievalheadmechanisticallyexplainslongcontextfactuality" });
    expect(record.paper !== undefined).toBe(keepsPaper);
    expect([record.firstSeen, record.lastSeen]).toEqual([at.toISOString(), at.toISOString()]);
  });

  it("turns a pending paper into a judged one when a later run reaches a verdict, and drops its stored paper if irrelevant", () => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, "not-triaged")] }), { at, trigger: "schedule" });
    const later = new Date("2026-06-04T06:00:00Z");
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, "irrelevant")] }), { at: later, trigger: "schedule" });
    const record = ledger.papers["arxiv:2404.15574"]!;
    expect(record).toMatchObject({ state: "judged", firstSeen: at.toISOString(), lastSeen: later.toISOString() });
    expect(record.verdict?.decision).toBe("irrelevant");
    expect(record.paper).toBeUndefined();
  });

  it.each<PaperState>(["proposed", "merged", "rejected"])("keeps a %s paper's state whatever a new verdict or the catalog says", (state) => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, "relevant")] }), { at, trigger: "schedule" });
    ledger.papers["arxiv:2404.15574"]!.state = state;
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, "irrelevant")], known: [induction] }), { at, trigger: "schedule" });
    expect(ledger.papers["arxiv:2404.15574"]!.state).toBe(state);
  });

  it("records papers the catalog lists as listed", () => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ known: [induction] }), { at, trigger: "cli" });
    expect(ledger.papers["arxiv:2404.15574"]).toMatchObject({ state: "listed", title: induction.title });
    expect(ledger.papers["arxiv:2404.15574"]!.paper).toBeUndefined();
  });

  it("knows a paper first seen on OpenReview when arXiv reports it later, and keeps its first key", () => {
    const ledger = emptyLedger();
    const onOpenReview = paper({ openreview: "xYz123" }, induction.title);
    recordScan(ledger, scanResult({ verdicts: [verdict(onOpenReview, "irrelevant")] }), { at, trigger: "schedule" });
    const both = paper({ arxiv: "2404.15574", openreview: "xYz123" }, induction.title);
    recordScan(ledger, scanResult({ verdicts: [verdict(both, "irrelevant")] }), { at, trigger: "schedule" });
    expect(Object.keys(ledger.papers)).toEqual(["openreview:xYz123"]);
    expect(ledger.papers["openreview:xYz123"]!.identity).toMatchObject({ arxiv: "2404.15574", openreview: "xYz123" });
  });

  it("adds the scan's LLM spend to its UTC day and appends a summary of what happened", () => {
    const ledger = emptyLedger();
    const result = scanResult({
      sources: sourcesReport(window, { arxiv: "ok", openreview: "failed" }),
      verdicts: [verdict(induction, "relevant"), verdict(paper({ arxiv: "2406.00001" }, "Heads of State in Vision Transformers"), "not-triaged")],
      llm: { calls: 3, totalTokens: 4200, estimatedCostUsd: 0.0021 },
    });
    const summary = recordScan(ledger, result, { at, trigger: "command", prs: { opened: [12], updated: [] } });
    expect(ledger.spend).toEqual({ "2026-06-03": { calls: 3, tokens: 4200, costUsd: 0.0021 } });
    expect(ledger.scans).toEqual([summary]);
    expect(summary).toEqual({
      at: at.toISOString(),
      trigger: "command",
      window,
      sources: { arxiv: { status: "ok" }, openreview: { status: "failed", reason: "arXiv answered HTTP 503" } },
      counts: { found: 2, known: 0, skipped: 0, retried: 0, triaged: 2, relevant: 1, irrelevant: 0, pending: 1, proposed: 0 },
      prs: { opened: [12], updated: [] },
    });
  });

  it("marks skipped papers as seen again, so they are kept longer", () => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ verdicts: [verdict(induction, "irrelevant")] }), { at, trigger: "schedule" });
    const later = new Date("2026-09-01T06:00:00Z");
    recordScan(ledger, scanResult({ skipped: [{ paper: induction, key: "arxiv:2404.15574", reason: "judged irrelevant" }] }), { at: later, trigger: "schedule" });
    expect(ledger.papers["arxiv:2404.15574"]!.lastSeen).toBe(later.toISOString());
    expect(ledger.scans.at(-1)!.counts.skipped).toBe(1);
  });
});
