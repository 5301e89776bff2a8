import { describe, expect, it } from "vitest";
import { markHumanPushNoticed } from "../../../src/github/ledger/mark-human-push.ts";
import { markMerged } from "../../../src/github/ledger/mark-merged.ts";
import { closeProposal, liftRejection, markRejected } from "../../../src/github/ledger/mark-rejected.ts";
import { papersToSkip } from "../../../src/github/ledger/papers-to-skip.ts";
import { pendingPapers } from "../../../src/github/ledger/pending-papers.ts";
import { recordProposal } from "../../../src/github/ledger/record-proposal.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger, type Ledger } from "../../../src/github/ledger/schema.ts";
import { identityOfPaper } from "../../../src/paper/identity.ts";
import { paper, scanResult, SHA, verdict } from "./build.ts";

const at = new Date("2026-06-03T06:00:00Z");
const later = new Date("2026-06-05T09:30:00Z");
const razor = paper({ arxiv: "2407.15891" }, "RazorAttention: Efficient KV Cache Compression Through Retrieval Heads");
const successor = paper({ arxiv: "2312.09230" }, "Successor Heads: Recurring, Interpretable Attention Heads In The Wild");
const copy = paper({ arxiv: "2310.04625" }, "Copy Suppression: Comprehensively Understanding an Attention Head");
const KEYS = ["arxiv:2407.15891", "arxiv:2312.09230", "arxiv:2310.04625"];

/** A ledger where three relevant papers were judged and one grouped PR (#7) proposes them. */
function proposedLedger(): Ledger {
  const ledger = emptyLedger();
  recordScan(ledger, scanResult({ verdicts: [razor, successor, copy].map((p) => verdict(p, "relevant")) }), { at, trigger: "schedule" });
  recordProposal(ledger, { pr: 7, branch: "headscout/papers", mode: "grouped", papers: KEYS, headSha: SHA.a, baseSha: SHA.b, at });
  return ledger;
}

const states = (ledger: Ledger) => KEYS.map((key) => ledger.papers[key]!.state);
const skipReason = (ledger: Ledger, p: typeof razor) => papersToSkip(ledger).find(identityOfPaper(p))?.item.reason;

describe("a proposal's life", () => {
  it("recordProposal makes its papers proposed, skipped by later scans and out of the backlog", () => {
    const ledger = proposedLedger();
    expect(states(ledger)).toEqual(["proposed", "proposed", "proposed"]);
    expect(ledger.proposals[7]).toEqual({
      branch: "headscout/papers",
      mode: "grouped",
      papers: KEYS,
      state: "open",
      openedAt: at.toISOString(),
      updatedAt: at.toISOString(),
      headSha: SHA.a,
      baseSha: SHA.b,
      humanPushNoticed: false,
      details: [],
    });
    expect(skipReason(ledger, razor)).toBe("proposed in #7");
    expect(pendingPapers(ledger)).toEqual([]);
  });

  it("a rebuild records the new head and base; a paper it leaves out goes back to the backlog", () => {
    const ledger = proposedLedger();
    recordProposal(ledger, { pr: 7, branch: "headscout/papers", mode: "grouped", papers: KEYS.slice(0, 2), headSha: SHA.c, baseSha: SHA.a, at: later });
    expect(ledger.proposals[7]).toMatchObject({ headSha: SHA.c, baseSha: SHA.a, openedAt: at.toISOString(), updatedAt: later.toISOString() });
    expect(states(ledger)).toEqual(["proposed", "proposed", "judged"]);
    expect(pendingPapers(ledger).map((p) => p.key)).toEqual(["arxiv:2310.04625"]);
  });

  it("accepts a verdict's key for a paper the ledger knows by another key", () => {
    const ledger = emptyLedger();
    const onOpenReview = paper({ openreview: "abc" }, razor.title);
    recordScan(ledger, scanResult({ verdicts: [verdict(onOpenReview, "relevant")] }), { at, trigger: "schedule" });
    recordScan(ledger, scanResult({ verdicts: [verdict(paper({ arxiv: "2407.15891", openreview: "abc" }, razor.title), "relevant")] }), { at, trigger: "schedule" });
    recordProposal(ledger, { pr: 3, branch: "headscout/razor", mode: "per-paper", papers: ["arxiv:2407.15891"], headSha: SHA.a, baseSha: SHA.b, at });
    expect(ledger.proposals[3]!.papers).toEqual(["openreview:abc"]);
    expect(ledger.papers["openreview:abc"]!.state).toBe("proposed");
  });

  it("refuses to propose a paper the ledger has never seen, naming it", () => {
    expect(() => recordProposal(emptyLedger(), { pr: 3, branch: "b", mode: "per-paper", papers: ["arxiv:9999.99999"], headSha: SHA.a, baseSha: SHA.b, at })).toThrow(
      "recording pull request #3: paper arxiv:9999.99999 is not in the ledger",
    );
  });

  it("merged: the proposal and its papers are merged, and never proposed again", () => {
    const ledger = proposedLedger();
    expect(markMerged(ledger, 7, { at: later })).toEqual(KEYS);
    expect(ledger.proposals[7]!.state).toBe("merged");
    expect(states(ledger)).toEqual(["merged", "merged", "merged"]);
    expect(skipReason(ledger, successor)).toBe("merged in #7");
    expect(markMerged(ledger, 99, { at: later })).toEqual([]);
  });

  it("unticked: that paper is rejected once; merging the rest leaves it rejected", () => {
    const ledger = proposedLedger();
    expect(markRejected(ledger, ["arxiv:2312.09230"], { pr: 7, how: "unticked", by: "maintainer", at: later })).toEqual(["arxiv:2312.09230"]);
    expect(markRejected(ledger, ["arxiv:2312.09230"], { pr: 7, how: "unticked", by: "maintainer", at: later })).toEqual([]);
    expect(ledger.proposals[7]!.state).toBe("open");
    markMerged(ledger, 7, { at: later });
    expect(states(ledger)).toEqual(["merged", "rejected", "merged"]);
    expect(ledger.papers["arxiv:2312.09230"]!.rejection).toEqual({ at: later.toISOString(), pr: 7, how: "unticked", by: "maintainer" });
    expect(skipReason(ledger, successor)).toBe("rejected in #7 (unticked by maintainer)");
  });

  it("closed unmerged: the proposal closes and every paper still in it is rejected (another arXiv version too)", () => {
    const ledger = proposedLedger();
    expect(closeProposal(ledger, 7, { by: "maintainer", at: later })).toEqual(KEYS);
    expect(ledger.proposals[7]!.state).toBe("closed");
    expect(states(ledger)).toEqual(["rejected", "rejected", "rejected"]);
    const v3 = paper({ arxiv: "2407.15891", arxivVersion: 3 }, "RazorAttention (revised title)");
    expect(skipReason(ledger, v3)).toBe("rejected in #7 (closed by maintainer)");
  });

  it("a lifted rejection is tried again on the next run", () => {
    const ledger = proposedLedger();
    closeProposal(ledger, 7, { at: later });
    expect(liftRejection(ledger, ["arxiv:2407.15891", "arxiv:0000.00000"])).toEqual(["arxiv:2407.15891"]);
    const record = ledger.papers["arxiv:2407.15891"]!;
    expect(record.state).toBe("pending");
    expect(record.rejection).toBeUndefined();
    expect(pendingPapers(ledger).map((p) => p.paper.title)).toEqual([razor.title]);
    expect(skipReason(ledger, razor)).toBeUndefined();
  });

  it("says a branch was left alone once", () => {
    const ledger = proposedLedger();
    expect(markHumanPushNoticed(ledger, 7)).toBe(true);
    expect(markHumanPushNoticed(ledger, 7)).toBe(false);
    expect(markHumanPushNoticed(ledger, 8)).toBe(false);
    recordProposal(ledger, { pr: 7, branch: "headscout/papers", mode: "grouped", papers: KEYS, headSha: SHA.c, baseSha: SHA.b, at: later });
    expect(ledger.proposals[7]!.humanPushNoticed).toBe(true);
  });
});
