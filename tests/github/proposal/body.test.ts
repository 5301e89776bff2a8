import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { entrySchema } from "../../../src/catalog/entry.ts";
import { renderProposalBody } from "../../../src/github/proposal/index.ts";
import { grouped, makeProposedPaper, withArxivFailed, yamlBlocks } from "./make-paper.ts";

const llmPaper = makeProposedPaper(1, {
  paper: { venue: "ICLR 2025 Poster" },
  verdict: {
    droppedTags: [{ name: "Induction Head", evidence: "", reason: "the abstract never names it" }],
    newHeadTypes: [{ name: "Calibration Head", evidence: "calibration heads steer confidence" }],
    flags: ["low confidence (0.42)", "1 tag(s) dropped: Induction Head (the abstract never names it)", "summary replaced by sentences of the abstract"],
  },
});
const offlinePaper = makeProposedPaper(2, {
  verdict: { confidence: undefined, rationale: undefined, provenance: { stage: "offline", offlineModelVersion: "3" }, flags: ["offline draft"] },
});
const { body } = renderProposalBody(grouped([llmPaper, offlinePaper]));

describe("a grouped pull request body", () => {
  it("opens by saying what it adds and to which file, and warns about offline drafts", () => {
    const intro = body.split("\n\n")[0]!;
    expect(intro).toContain("**2 new papers**");
    expect(intro).toContain("`README.md`");
    expect(intro).toContain("offline draft");
  });

  it("has one table row per paper: linked title, date, venue, tags, confidence, kind of draft", () => {
    expect(body).toContain(
      "| [Copy Suppression Heads in Model 1](https://arxiv.org/abs/2411.10001) | 2024-11-20 | ICLR 2025 Poster | Copy Suppression Head | 0.87 | LLM draft |",
    );
    expect(body).toContain("| [Copy Suppression Heads in Model 2](https://arxiv.org/abs/2411.10002) | 2024-11-20 | arXiv | Copy Suppression Head | — | offline draft — check tags and summary |");
  });

  it("lists the papers as ticked checkboxes and says what unticking does", () => {
    expect(body).toMatch(/^- \[x\] Copy Suppression Heads in Model 1 \(`arxiv:2411\.10001`\)/m);
    expect(body).toMatch(/^- \[x\] Copy Suppression Heads in Model 2 \(`arxiv:2411\.10002`\)/m);
    expect(body).toContain("Untick a paper to take it out of this pull request: headscout removes its entry and will never propose it again.");
  });

  it("gives each paper a collapsed section with the abstract, the evidence, what was left out and what to check", () => {
    const section = body.slice(body.indexOf("<details>"), body.indexOf("</details>"));
    expect(section).toContain("> We find copy suppression heads in GPT-2 Small.");
    expect(section).toContain("**Why it belongs:** The paper identifies heads that suppress copied tokens.");
    expect(section).toContain("- Copy Suppression Head: “copy suppression heads”");
    expect(section).toContain("**Suggested tags, left out of the entry**\n\n- Induction Head: the abstract never names it");
    expect(section).toContain("**New head types: proposals for `data/heads.json`, not in the entry**\n\n- Calibration Head: “calibration heads steer confidence”");
    expect(section).toContain("**Please check**\n\n- low confidence (0.42)\n- summary replaced by sentences of the abstract\n");
    expect(section).not.toContain("tag(s) dropped"); // already listed under the suggestions
    expect(section).toContain("Judged by the LLM `gpt-5.4-mini`, prompt `triage.v2+1a2b3c4d`. Paper id: `arxiv:2411.10001`.");
  });

  it("holds each entry as YAML in the catalog's entry model, which a script can read back", () => {
    const blocks = yamlBlocks(body);
    expect(blocks).toHaveLength(2);
    expect(entrySchema.parse(parse(blocks[0]!))).toEqual({ ...llmPaper.draft.entry, ids: undefined });
    expect(blocks[1]).toContain('title: "Copy Suppression Heads in Model 2"');
  });

  it("says where the papers came from and who judged them", () => {
    const provenance = body.slice(body.indexOf("### Provenance"), body.indexOf("### What happens next"));
    expect(provenance.split("\n").slice(0, 8)).toEqual([
      "### Provenance",
      "",
      "- Window: 2026-11-18 00:00 UTC → 2026-11-25 23:59 UTC",
      "- arXiv: ok, 41 papers",
      "- OpenReview: not searched (unavailable: no OpenReview credentials (OPENREVIEW_USERNAME/PASSWORD))",
      "- Triage: the LLM `gpt-5.4-mini`, prompt `triage.v2+1a2b3c4d`",
      "- headscout 0.1.0",
      "",
    ]);
    expect(provenance).toContain('(ti:"attention head" OR abs:"attention head")');
  });

  it("says plainly when a source failed", () => {
    const text = renderProposalBody(grouped([llmPaper], { provenance: { ...grouped([]).provenance, sources: withArxivFailed("HTTP 503 after 3 attempts") } })).body;
    expect(text).toContain("- arXiv: **failed**: HTTP 503 after 3 attempts. Papers only arXiv lists may be missing from this pull request.");
  });

  it("explains what merging, closing and unticking do", () => {
    expect(body).toContain("- **Merge**: the entries land in `README.md`, and headscout remembers these papers as merged.");
    expect(body).toContain("- **Untick a paper** in the list above: that paper alone leaves this pull request, and headscout never proposes it again.");
    expect(body).toContain(
      "- **Close without merging**: headscout remembers every paper here as rejected and never proposes them again. A comment `@headscout reconsider <paper id>` lifts that.",
    );
  });

  it("shows the maintainer's notes, and ends with the hidden marker", () => {
    const text = renderProposalBody(grouped([llmPaper], { notes: ["Dropped on rebuild: “Old Paper” (the catalog now lists it)"] })).body;
    expect(text).toContain("### Notes\n\n- Dropped on rebuild: “Old Paper” (the catalog now lists it)");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^<!-- headscout:proposal \{.*\} -->$/);
  });
});

describe("a per-paper pull request body", () => {
  const { body: single } = renderProposalBody(grouped([offlinePaper], { mode: "per-paper" }));

  it("speaks of one paper, has no checklist, and closing rejects that paper", () => {
    expect(single).toContain("headscout found a new paper about attention heads and proposes its entry for `README.md`.");
    expect(single).not.toMatch(/^- \[x\]/m);
    expect(single).not.toContain("Untick");
    expect(single).toContain("- **Close without merging**: headscout remembers this paper as rejected and never proposes it again.");
    expect(single).toContain("Judged by the offline classifier (model `3`), no LLM.");
  });

  it("is refused with more than one paper, and so is an empty proposal", () => {
    expect(() => renderProposalBody(grouped([llmPaper, offlinePaper], { mode: "per-paper" }))).toThrow(/one paper/);
    expect(() => renderProposalBody(grouped([]))).toThrow(/at least one paper/);
  });
});
