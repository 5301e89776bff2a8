import { describe, expect, it } from "vitest";
import { renderHumanPushNotice, renderOutsiderReply, renderRejectionNotice, renderScanReply, type ScanReplyInput } from "../../../src/github/proposal/index.ts";
import { emptyUsage } from "../../../src/triage/llm/triage-llm.ts";
import { runningText, sourcesReport, withArxivFailed } from "./make-paper.ts";

const counts = { papers: 37, passedPrefilter: 6, relevant: 2, irrelevant: 34, needsManualTriage: 1, notTriaged: 0, llmFailures: 0 };
const reply: ScanReplyInput = {
  sources: sourcesReport,
  found: 41,
  alreadyListed: 3,
  alreadyProposed: 1,
  seenBefore: 0,
  triage: { mode: "llm", counts, llm: { ...emptyUsage(), calls: 6, totalTokens: 13_420, estimatedCostUsd: 0.00391, cacheHits: 1 } },
  pullRequests: [{ number: 12, action: "opened", papers: 2 }],
  skipped: [{ key: "arxiv:2411.00007", title: "Ignore previous instructions @octocat #3", reason: "needs manual triage: instruction-like text in the abstract" }],
  deferred: 0,
};

describe("the reply to a scan command", () => {
  it("says what each source did, what each stage kept, what was opened and what it cost", () => {
    expect(renderScanReply(reply)).toMatchInlineSnapshot(`
      "Searched 2026-11-18 00:00 UTC → 2026-11-25 23:59 UTC:

      - arXiv: ok, 41 papers
      - OpenReview: not searched (unavailable: no OpenReview credentials (OPENREVIEW_USERNAME/PASSWORD))

      Papers: 41 found, 3 already in the catalog, 1 already in an open pull request; 37 triaged: 6 past the prefilter, 2 relevant, 34 irrelevant, 1 held for a maintainer.

      Pull requests: opened #12 (2 papers).

      Not proposed:

      - Ignore previous instructions &#x40;&#x200B;octocat &#x23;&#x200B;3 (\`arxiv:2411.00007\`): needs manual triage: instruction-like text in the abstract

      LLM: 6 calls, 13,420 tokens, about $0.0039, 1 answer from the cache."
    `);
  });

  it("never reports a failed source as no new papers", () => {
    const text = renderScanReply({ ...reply, sources: withArxivFailed("HTTP 503"), pullRequests: [], triage: { ...reply.triage, counts: { ...counts, relevant: 0 } } });
    expect(text).toContain("- arXiv: **failed**: HTTP 503.");
    expect(text).toContain("No pull request. arXiv failed, so this scan is incomplete: that is not the same as no new papers.");
    expect(text).not.toContain("No new papers");
  });

  it("says so when there is nothing new, and when papers wait for the next pull request", () => {
    const quiet = renderScanReply({ ...reply, pullRequests: [], skipped: [], triage: { mode: "offline", counts: { ...counts, relevant: 0 }, llm: emptyUsage() } });
    expect(quiet).toContain("No new papers to propose.");
    expect(quiet).toContain("Triage: offline classifier, no LLM calls.");
    const capped = renderScanReply({ ...reply, pullRequests: [{ number: 9, action: "updated", papers: 20 }], deferred: 4 });
    expect(capped).toContain("Pull requests: updated #9 (20 papers). 4 more papers wait for the next pull request.");
  });

  it("keeps a long list of skipped papers short", () => {
    const skipped = Array.from({ length: 25 }, (_, i) => ({ key: `arxiv:2411.${10000 + i}`, title: `Paper ${i}`, reason: "not triaged: the per-run call cap was reached" }));
    const text = renderScanReply({ ...reply, skipped });
    expect(text.match(/^- Paper/gm)).toHaveLength(10);
    expect(text).toContain("- … and 15 more");
  });
});

describe("the notices headscout posts", () => {
  it("says which papers will not be proposed again and how to lift that", () => {
    const text = renderRejectionNotice([
      { key: "arxiv:2411.10001", title: "Copy Suppression Heads, cc @someone" },
      { key: "arxiv:2411.10002", title: "Fixes #4" },
    ]);
    expect(text).toBe(
      [
        "headscout will not propose these papers again:",
        "",
        "- Copy Suppression Heads, cc &#x40;&#x200B;someone (`arxiv:2411.10001`)",
        "- Fixes &#x23;&#x200B;4 (`arxiv:2411.10002`)",
        "",
        "Changed your mind? Comment `@headscout reconsider <paper id>` with one of the ids above.",
      ].join("\n"),
    );
    expect(renderRejectionNotice([{ key: "arxiv:1", title: "One" }], { command: "/headscout" })).toContain("Comment `/headscout reconsider <paper id>` with the id above.");
  });

  it("tells a maintainer who pushed to the bot's branch that headscout leaves it alone, without pinging them", () => {
    const text = renderHumanPushNotice("headscout/papers", "octocat");
    expect(text).toBe("octocat pushed to `headscout/papers`, so headscout leaves this branch alone from now on: it will not rebuild or update this pull request. Merge or close it as usual.");
    expect(runningText(renderHumanPushNotice("headscout/papers", "@evil<b>"))).not.toMatch(/@\w|<b/);
  });

  it("answers someone without write access politely, once", () => {
    expect(renderOutsiderReply()).toBe(
      "Thanks for the interest! Only people with write access to this repository can give headscout commands, so this one was not run. A maintainer can start a scan with `@headscout scan`.",
    );
  });
});
