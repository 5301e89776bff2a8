import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { entrySchema } from "../../../src/catalog/entry.ts";
import { GITHUB_BODY_LIMIT, parseProposalMarker, readChecklist, renderProposalBody, type ProposalBody, type ProposedPaper } from "../../../src/github/proposal/index.ts";
import { grouped, makeProposedPaper, yamlBlocks } from "./make-paper.ts";

/** An abstract of about `chars` characters, in sentences of varying length. */
function longAbstract(n: number, chars: number): string {
  const sentences: string[] = [];
  for (let i = 0; sentences.join(" ").length < chars; i++) {
    sentences.push(`In experiment ${i} on model ${n} we find that ${"several ".repeat(i % 7)}attention heads in layer ${i % 24} copy tokens from earlier positions.`);
  }
  return sentences.join(" ");
}

function papersWithAbstracts(count: number, chars: number): ProposedPaper[] {
  return Array.from({ length: count }, (_, i) => makeProposedPaper(i + 1, { paper: { abstract: longAbstract(i + 1, chars) } }));
}

/** Every included paper is there whole; no deferred paper left a trace; the markers agree. */
function expectWholePapers(result: ProposalBody, papers: readonly ProposedPaper[]): void {
  const { body, included, deferred } = result;
  expect([...included, ...deferred]).toEqual(papers.map((p) => p.draft.key));
  expect(parseProposalMarker(body)?.papers).toEqual(included);
  expect([...readChecklist(body).keys()]).toEqual(included);
  const entries = yamlBlocks(body).map((block) => entrySchema.parse(parse(block)));
  expect(entries.map((e) => e.title)).toEqual(papers.slice(0, included.length).map((p) => p.draft.entry.title));
  for (const [i, paper] of papers.slice(0, included.length).entries()) {
    expect(body).toContain(`| [${paper.draft.entry.title}](https://arxiv.org/abs/${paper.verdict.paper.ids.arxiv}) |`);
    expect(entries[i]!.summary).toEqual(paper.draft.entry.summary);
  }
  for (const paper of papers.slice(included.length)) expect(body).not.toContain(paper.draft.key);
  const details = [...body.matchAll(/<\/?details>/g)].map((m) => m[0]);
  expect(details.every((tag, i) => tag === (i % 2 === 0 ? "<details>" : "</details>"))).toBe(true);
}

describe("a body that would exceed GitHub's 65,536 characters", () => {
  it("keeps 20 papers with 3,000-character abstracts by shortening the abstracts at a sentence", () => {
    const papers = papersWithAbstracts(20, 3_000);
    const result = renderProposalBody(grouped(papers));
    expect(result.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result.deferred).toEqual([]);
    expectWholePapers(result, papers);
    expect(result.body).toContain("_Abstracts are shortened to fit GitHub's size limit; the paper links have them in full._");
    const quoted = result.body.split("\n").filter((line) => line.startsWith("> "));
    expect(quoted).toHaveLength(20);
    for (const line of quoted) expect(line).toMatch(/\. …$/);
  });

  it("defers whole papers when even bare details do not fit 200 of them, and holds as many as fit", () => {
    const papers = papersWithAbstracts(200, 3_000);
    const result = renderProposalBody(grouped(papers));
    expect(result.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result.deferred.length).toBeGreaterThan(0);
    expectWholePapers(result, papers);
    expect(result.body).not.toMatch(/^> /m);
    expect(result.body).toContain(`${result.deferred.length} more papers wait for the next pull request`);
    const oneMore = renderProposalBody(grouped(papers.slice(0, result.included.length + 1)));
    expect(oneMore.deferred).toHaveLength(1);
  });

  it("never cuts a block, whatever the limit", () => {
    const papers = papersWithAbstracts(12, 1_500);
    for (let maxChars = 9_000; maxChars <= 40_000; maxChars += 1_777) {
      const result = renderProposalBody(grouped(papers), { maxChars });
      expect(result.body.length).toBeLessThanOrEqual(maxChars);
      expectWholePapers(result, papers);
    }
  });

  it("is refused when not even one paper fits", () => {
    expect(() => renderProposalBody(grouped(papersWithAbstracts(1, 100)), { maxChars: 2_000 })).toThrow(/does not fit in 2000 characters/);
  });
});
