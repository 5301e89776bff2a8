import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../../src/catalog/parse.ts";
import { parsePaperRef } from "../../../src/github/commands/paper-ref.ts";
import { addBlocker, whyNot, type WhyNotInput } from "../../../src/github/commands/why-not.ts";
import type { Ledger } from "../../../src/github/ledger/schema.ts";
import { expectInert, fixtureLedger, HOSTILE_TITLE, record, shownText } from "../dashboard/fixture-ledger.ts";

const catalogText = readFileSync(new URL("../../fixtures/catalogs/html.md", import.meta.url), "utf8");
const catalog = { document: parseCatalog(catalogText), path: "README.md" };

function ask(id: string, options: Partial<WhyNotInput> & { ledger?: Ledger } = {}) {
  const paper = parsePaperRef(id);
  if (!paper) throw new Error(`not an id: ${id}`);
  return whyNot({ paper, ledger: options.ledger ?? fixtureLedger(), catalog, ...options });
}

describe("why-not, answered from the ledger and the catalog", () => {
  it("names the catalog row of a paper already listed, whatever version or URL is asked about", () => {
    const line = catalogText.split("\n").findIndex((l) => l.includes("Retrieval Head Mechanistically")) + 1;
    for (const id of ["2404.15574", "2404.15574v3", "https://arxiv.org/pdf/2404.15574v1"]) {
      const answer = ask(id);
      expect(answer.kind).toBe("listed");
      expect(answer.reply).toMatch(/^`arxiv:2404\.15574` is already in the catalog: `README\.md` line \d+, “Retrieval Head Mechanistically Explains Long-Context Factuality” \(2024-04-24, Year 2024\)\.$/);
      const shownLine = Number(/line (\d+)/.exec(answer.reply)![1]);
      expect(Math.abs(shownLine - line)).toBeLessThanOrEqual(2);
    }
  });

  it("finds a listed paper by the title the ledger knows when the row has another link", () => {
    const answer = ask("2312.09230");
    expect(answer).toMatchObject({ kind: "listed", key: "arxiv:2312.09230" });
    expect(answer.reply).toContain("**Successor Heads: Recurring, Interpretable Attention Heads In The Wild** (`arxiv:2312.09230`) is already in the catalog");
  });

  it("says when a paper the ledger had as listed is no longer in the catalog", () => {
    const answer = ask("2312.09230", { catalog: { document: parseCatalog(catalogText.replace(/Successor Heads[^<]*/, "Something Else Entirely, Retitled")), path: "README.md" } });
    expect(answer.kind).toBe("was-listed");
    expect(answer.reply).toContain("A scan on 2026-06-03 found **Successor Heads");
    expect(answer.reply).toContain("it is not there now, but scans still skip it as listed. `@headscout add arxiv:2312.09230` proposes it anyway.");
  });

  it("says a paper no scan found was never seen, how far the sources were searched, and how to add it", () => {
    const answer = ask("https://arxiv.org/abs/2609.99999v1");
    expect(answer).toEqual({
      kind: "never-seen",
      reply:
        "No scan has found `arxiv:2609.99999` (headscout has searched arXiv up to 2026-06-03 and OpenReview up to 2026-05-30). A paper outside the configured arXiv categories and search phrases, or older than the first search window, is never found; one the prefilter turned away is forgotten 30 days after a scan last saw it. `@headscout add arxiv:2609.99999` proposes it anyway.",
    });
    const fresh = ask("2609.99999", { ledger: { ...fixtureLedger(), windows: {}, papers: {} } });
    expect(fresh.reply).toContain("No scan has found `arxiv:2609.99999` yet: no scan has run.");
  });

  it("explains the prefilter, and names its rules when the wiring ran it again", () => {
    const answer = ask("2003.02436");
    expect(answer.kind).toBe("prefiltered");
    expect(answer.reply).toContain("**Talking-Heads Attention** (`arxiv:2003.02436`) was filtered out by the keyword prefilter on 2026-06-01, before any model saw it (prefilter score 0 below 1)");
    const again = ask("2003.02436", {
      prefilter: { score: 0, threshold: 1, passed: false, registryMatches: [], signals: [{ rule: "head-word", weight: 1, match: "Heads" }, { rule: "body-head", weight: -1, match: "talking heads" }] },
    });
    expect(again.reply).toContain("Its title and abstract score 0 (1 needed): head-word “Heads” (+1), body-head “talking heads” (-1).");
  });

  it("quotes the rationale of a paper judged irrelevant, with who judged and how sure", () => {
    const answer = ask("arxiv:2606.02222");
    expect(answer.kind).toBe("irrelevant");
    expect(answer.reply).toBe(
      "**Heads That Count: Numerical Attention in Small Transformers** (`arxiv:2606.02222`) was judged not about attention heads by the LLM `gpt-5.4-mini` on 2026-06-03 (confidence 0.60): “Studies counting, mostly via MLPs; heads are secondary”. `@headscout add arxiv:2606.02222` proposes it anyway.",
    );
  });

  it("says why a paper is held, or waits", () => {
    expect(ask("2606.04444")).toMatchObject({ kind: "held", reply: expect.stringContaining("is held for a maintainer since 2026-06-03: its title or abstract addresses a tool or model reading it") });
    expect(ask("2606.04445").reply).toContain("is held for a maintainer since 2026-06-02: the LLM refused to judge it. `@headscout add arxiv:2606.04445` proposes it anyway.");
    expect(ask("2606.01234")).toMatchObject({
      kind: "pending",
      reply: "**Name Mover Heads Under Distribution Shift** (`arxiv:2606.01234`) is not judged yet: per-run LLM cap reached (200 calls); left for the next run (tried again on the next scan).",
    });
  });

  it("points to the pull request that proposes, merged or rejected a paper", () => {
    expect(ask("2407.15891").reply).toBe("**RazorAttention: Efficient KV Cache Compression Through Retrieval Heads** (`arxiv:2407.15891`) is proposed in #42: review it there.");
    expect(ask("2604.06666")).toMatchObject({ kind: "merged", reply: expect.stringContaining("was merged in #41, but the catalog does not list it now") });
    expect(ask("2605.05555").reply).toBe(
      "**Induction Heads Revisited at Scale** (`arxiv:2605.05555`) was rejected: its pull request was closed without merging (#40) by alice on 2026-06-02. headscout will not propose it again; `@headscout reconsider arxiv:2605.05555` lifts that.",
    );
  });

  it("finds a paper the ledger keeps under another identifier", () => {
    const ledger = fixtureLedger();
    ledger.papers["openreview:Qx7_ab"] = record("2606.07777", "Copy Suppression in Multilingual Models", "judged", {
      identity: { openreview: "Qx7_ab", arxiv: "2606.07777", title: "copysuppressioninmultilingualmodels" },
      verdict: { decision: "relevant", confidence: 0.9, stage: "llm", model: "gpt-5.4-mini", at: "2026-06-03T06:12:00.000Z" },
    });
    const answer = ask("2606.07777v2", { ledger });
    expect(answer).toMatchObject({ kind: "waiting", key: "openreview:Qx7_ab" });
    expect(answer.reply).toContain("was judged relevant on 2026-06-03 by the LLM `gpt-5.4-mini` and waits for a pull request");
  });

  it("stops an add only where the paper already is: listed, or in an open pull request", () => {
    const blocker = (id: string) => addBlocker({ paper: parsePaperRef(id)!, ledger: fixtureLedger(), catalog });
    expect(blocker("2404.15574")?.kind).toBe("listed");
    expect(blocker("2407.15891")?.reply).toContain("is proposed in #42");
    for (const id of ["2609.99999", "2003.02436", "2606.02222", "2606.04444", "2605.05555", "2604.06666"]) expect(blocker(id)).toBeUndefined();
  });

  it("keeps a hostile title and a hand-edited login inert", () => {
    const ledger = fixtureLedger();
    ledger.papers["arxiv:2605.05556"]!.rejection!.by = "@evil #3 <b>";
    const answer = ask("2605.05556", { ledger });
    expectInert(answer.reply, ["#42"]);
    expect(shownText(answer.reply)).toContain(HOSTILE_TITLE);
    expect(shownText(answer.reply)).toContain("unticked in #42 by @evil #3 <b> on 2026-06-03");
    expectInert(ask("2606.02223").reply);
  });
});
