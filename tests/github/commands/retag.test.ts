import { describe, expect, it } from "vitest";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import { applyDrop, applyRedraft, applyRetag, resolveProposalPaper, suggestHeadNames, validateTags, type ProposalDetails } from "../../../src/github/commands/retag.ts";
import { renderProposalBody } from "../../../src/github/proposal/index.ts";
import type { ProposedPaper } from "../../../src/github/proposal/types.ts";
import { grouped, makeProposedPaper } from "../proposal/make-paper.ts";

const registry = loadHeadRegistry();

function detailsOf(...papers: ProposedPaper[]): ProposalDetails {
  // As the ledger keeps them: JSON, read back.
  return JSON.parse(JSON.stringify(papers.map((p) => ({ key: p.draft.key, draft: p.draft, verdict: p.verdict }))));
}

describe("retag: tags checked against the registry", () => {
  it("takes names, slugs, aliases and plurals in any case, as the registry's names, each once", () => {
    expect(validateTags(["Induction Heads", "retrieval_head", "INDUCTION HEAD", "Copy Suppression Head"], registry)).toEqual({
      ok: true,
      tags: ["Induction Head", "Retrieval Head", "Copy Suppression Head"],
    });
  });

  it("names the closest registry names for an unknown tag", () => {
    const check = validateTags(["Inductoin Head", "Retrieval Head", "Banana"], registry);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.unknown).toEqual([
      { tag: "Inductoin Head", suggestions: ["Induction Head"] },
      { tag: "Banana", suggestions: [] },
    ]);
    expect(check.reply).toBe(
      [
        "I changed no tags:",
        "",
        "- “Inductoin Head” is not a head type in the registry: did you mean Induction Head?",
        "- “Banana” is not a head type in the registry.",
        "",
        "Tags are the registry's head types (`data/heads.json`); a new head type is added there first.",
      ].join("\n"),
    );
  });

  it("suggests from a name without its 'Head', and from aliases", () => {
    expect(suggestHeadNames("Inducton", registry)).toContain("Induction Head");
    expect(suggestHeadNames("Sucessor Head", registry)[0]).toBe("Successor Head");
  });

  it("keeps a maintainer's hostile tag inert in the reply", () => {
    const check = validateTags(["@octocat Fixes #1 <img src=x>"], registry);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reply.replace(/`[^`]*`/g, "")).not.toMatch(/@\w|#\d|<[a-z]/);
  });
});

describe("retag, drop and redraft over a proposal's details", () => {
  const first = makeProposedPaper(1);
  const second = makeProposedPaper(2);

  it("sets the entry's tags, keeps the evidence it had, lists what was taken out, and says who", () => {
    const details = detailsOf(first, second);
    const before = JSON.stringify(details);
    const next = applyRetag(details, "arxiv:2411.10001", ["Induction Head"], { by: "alice" })!;
    expect(JSON.stringify(details)).toBe(before); // pure
    const [changed, untouched] = next as unknown as { draft: ProposedPaper["draft"]; verdict: ProposedPaper["verdict"] }[];
    expect(changed!.draft.entry.tags).toEqual(["Induction Head"]);
    expect(changed!.verdict.tags).toEqual([]);
    expect(changed!.verdict.droppedTags).toEqual([{ name: "Copy Suppression Head", evidence: "copy suppression heads", reason: "removed by alice with retag" }]);
    expect(changed!.draft.flags).toEqual(["tags set by alice with retag: Induction Head"]);
    expect(untouched).toEqual(details[1]);

    // A second retag replaces the first's flag, and a tag put back keeps no "removed" line.
    const again = applyRetag(next, "arxiv:2411.10001", ["Copy Suppression Head", "Induction Head"])!;
    const paper = again[0]! as unknown as ProposedPaper;
    expect(paper.draft.entry.tags).toEqual(["Copy Suppression Head", "Induction Head"]);
    expect(paper.verdict.droppedTags).toEqual([]);
    expect(paper.draft.flags).toEqual(["tags set by a maintainer with retag: Copy Suppression Head, Induction Head"]);
  });

  it("renders as a pull request body with the new tags in the entry", () => {
    const next = applyRetag(detailsOf(first), "arxiv:2411.10001", ["Induction Head"], { by: "alice" })!;
    const body = renderProposalBody(grouped(next.map((d) => ({ draft: d.draft, verdict: d.verdict }) as ProposedPaper))).body;
    expect(body).toContain('tags:\n  - "Induction Head"');
    expect(body).toContain("Copy Suppression Head: removed by alice with retag");
    expect(body).toContain("tags set by alice with retag: Induction Head");
  });

  it("drops one paper, or says the pull request does not propose it", () => {
    const details = detailsOf(first, second);
    expect(applyDrop(details, "arxiv:2411.10002")!.map((d) => d.key)).toEqual(["arxiv:2411.10001"]);
    expect(applyDrop(details, "arxiv:2499.00000")).toBeUndefined();
    expect(applyRetag(details, "arxiv:2499.00000", ["Induction Head"])).toBeUndefined();
  });

  it("replaces one paper's draft and verdict on redraft", () => {
    const details = detailsOf(first, second);
    const redrafted = makeProposedPaper(2, { verdict: { rationale: "Judged again." } });
    const next = applyRedraft(details, "arxiv:2411.10002", redrafted)!;
    expect((next[1]!.verdict as ProposedPaper["verdict"]).rationale).toBe("Judged again.");
    expect(next[0]).toEqual(details[0]);
  });

  it("finds the paper a command means: by any of its ids, or the only one", () => {
    const openreviewCopy = makeProposedPaper(3, { paper: { ids: { openreview: "Qx7_ab" }, links: { openreview: "https://openreview.net/forum?id=Qx7_ab" } } });
    const details = detailsOf(first, openreviewCopy);
    expect(resolveProposalPaper(details, "arxiv:2411.10001")).toEqual({ key: "arxiv:2411.10001" });
    expect(resolveProposalPaper(details, "openreview:Qx7_ab")).toEqual({ key: details[1]!.key });
    expect(resolveProposalPaper(details, undefined)).toEqual({ reply: `This pull request proposes 2 papers: name one (\`arxiv:2411.10001\`, \`${details[1]!.key}\`).` });
    expect(resolveProposalPaper(detailsOf(first), undefined)).toEqual({ key: "arxiv:2411.10001" });
    expect(resolveProposalPaper(details, "arxiv:2499.00000")).toEqual({ reply: "This pull request does not propose `arxiv:2499.00000`." });
  });
});
