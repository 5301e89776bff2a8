import { describe, expect, it } from "vitest";
import { papersToSkip } from "../../../src/github/ledger/papers-to-skip.ts";
import { pendingPapers } from "../../../src/github/ledger/pending-papers.ts";
import { recallFromLedger } from "../../../src/github/ledger/recall-from-ledger.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { identityOfPaper } from "../../../src/paper/identity.ts";
import type { Decision } from "../../../src/triage/verdict.ts";
import { paper, scanResult, verdict } from "./build.ts";

const at = new Date("2026-06-03T06:00:00Z");
const papers = {
  irrelevant: paper({ arxiv: "2401.00001" }, "A Lightweight Anchor-Free Detection Head for Real-Time Drone Imagery"),
  relevant: paper({ arxiv: "2407.15891" }, "RazorAttention: Efficient KV Cache Compression Through Retrieval Heads"),
  held: paper({ arxiv: "2406.11111" }, "Ignore Previous Instructions: Attention Heads That Obey"),
  capped: paper({ arxiv: "2406.22222" }, "Name Mover Heads in Large Language Models Revisited"),
  listed: paper({ arxiv: "2312.09230" }, "Successor Heads: Recurring, Interpretable Attention Heads In The Wild"),
};
const fresh = paper({ arxiv: "2406.33333" }, "Induction Heads Form in Two Phases Under Curriculum Training");

function scannedLedger() {
  const ledger = emptyLedger();
  const decisions: [keyof typeof papers, Decision][] = [
    ["irrelevant", "irrelevant"],
    ["relevant", "relevant"],
    ["held", "needs-manual-triage"],
    ["capped", "not-triaged"],
  ];
  recordScan(ledger, scanResult({ verdicts: decisions.map(([name, d]) => verdict(papers[name], d)), known: [papers.listed] }), { at, trigger: "schedule" });
  return ledger;
}

describe("what the ledger skips and what it tries again", () => {
  it.each<[keyof typeof papers, string | undefined]>([
    ["irrelevant", "judged irrelevant on 2026-06-03"],
    ["listed", "listed in the catalog"],
    ["relevant", undefined],
    ["held", undefined],
    ["capped", undefined],
  ])("%s: skip reason %s", (name, reason) => {
    expect(papersToSkip(scannedLedger()).find(identityOfPaper(papers[name]))?.item.reason).toBe(reason);
  });

  it("a new arXiv version of an irrelevant paper stays skipped", () => {
    const v2 = paper({ arxiv: "2401.00001", arxivVersion: 2 }, "A Lightweight Anchor-Free Detection Head, Revised");
    expect(papersToSkip(scannedLedger()).find(identityOfPaper(v2))?.item.key).toBe("arxiv:2401.00001");
  });

  it("the backlog holds papers not judged yet and relevant ones no pull request proposes", () => {
    expect(pendingPapers(scannedLedger()).map((p) => p.key).sort()).toEqual(["arxiv:2406.11111", "arxiv:2406.22222", "arxiv:2407.15891"]);
  });

  it("recall drops what was decided, keeps what is new and adds the backlog once, preferring the copy just found", () => {
    const recall = recallFromLedger(scannedLedger());
    const heldAgain = { ...papers.held, abstract: "A newer abstract." };
    const { papers: next, skipped, retried } = recall([papers.irrelevant, fresh, heldAgain, papers.listed]);
    expect(next.map((p) => p.ids.arxiv)).toEqual(["2406.33333", "2406.11111", "2407.15891", "2406.22222"]);
    expect(next[1]!.abstract).toBe("A newer abstract.");
    expect(skipped.map((s) => [s.key, s.reason])).toEqual([
      ["arxiv:2401.00001", "judged irrelevant on 2026-06-03"],
      ["arxiv:2312.09230", "listed in the catalog"],
    ]);
    expect(retried.map((p) => p.ids.arxiv)).toEqual(["2407.15891", "2406.22222"]);
  });
});
