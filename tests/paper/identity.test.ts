import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { DuplicateEntryError, insert } from "../../src/catalog/insert.ts";
import { IdentityIndex, identityKey, identityOfEntry, identityOfPaper, samePaper, type PaperIdentity } from "../../src/paper/identity.ts";
import { mergePapers } from "../../src/sources/merge.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { dropKnownPapers } from "../../src/scan/drop-known-papers.ts";
import { paperKey } from "../../src/triage/text.ts";
import { readFileSync } from "node:fs";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";

const readShared = (path: string) => readFileSync(sharedPath(path), "utf8");

function paper(over: Partial<Paper> & { title: string }): Paper {
  return { ids: {}, abstract: "", authors: [], published: "2024-05-01", categories: [], links: {}, sources: ["arxiv"], ...over };
}
const row = (title: string, date: string, ...urls: string[]) => identityOfEntry({ title, date, links: urls.map((url) => ({ url })) });

const retrieval = "Retrieval Head Mechanistically Explains Long-Context Factuality";

// Real cases, from the catalog history and the sources' fixtures.
const cases: [string, PaperIdentity, PaperIdentity, string | undefined][] = [
  [
    "arXiv v1 and v2 of one paper",
    identityOfPaper(paper({ title: retrieval, ids: { arxiv: "2404.15574", arxivVersion: 1 } })),
    identityOfPaper(paper({ title: retrieval, ids: { arxiv: "2404.15574v2" } })),
    "arxiv",
  ],
  [
    "a catalog row's versioned arXiv link and the paper",
    row(retrieval, "2024-04-24", "https://arxiv.org/abs/2404.15574v1"),
    identityOfPaper(paper({ title: retrieval, ids: { arxiv: "2404.15574", arxivVersion: 3 } })),
    "arxiv",
  ],
  [
    "an arXiv paper and its OpenReview version (no arXiv id on OpenReview's side)",
    identityOfPaper(paper({ title: "Interpreting Arithmetic Mechanism in Large Language Models through Comparative Neuron Analysis", authors: ["Zeping Yu", "Sophia Ananiadou"], ids: { arxiv: "2409.14144" } })),
    identityOfPaper(paper({ title: "Interpreting Arithmetic Mechanism in Large Language Models through Comparative Neuron Analysis", authors: ["Zeping Yu"], ids: { openreview: "CytotQoBwr" }, sources: ["openreview"] })),
    "title",
  ],
  [
    "an OpenReview submission that lists its arXiv id",
    identityOfPaper(paper({ title: "Successor Heads", ids: { openreview: "kvcbV8KQsi", arxiv: "2312.09230" }, sources: ["openreview"] })),
    identityOfPaper(paper({ title: "Successor Heads: Recurring, Interpretable Attention Heads In The Wild", ids: { arxiv: "2312.09230" } })),
    "arxiv",
  ],
  [
    "a catalog row linking the ACL Anthology and one linking its DOI-less twin by ACL id",
    row("Analyzing Multi-Head Self-Attention: Specialized Heads Do the Heavy Lifting, the Rest Can Be Pruned", "2019-05-22", "https://aclanthology.org/P19-1580/"),
    row("Analyzing multi-head self-attention", "2019-05-22", "https://aclanthology.org/P19-1580.pdf"),
    "acl",
  ],
  [
    "a DOI from a publisher's URL and from doi.org",
    row("Some Paper", "2024-03-01", "https://dl.acm.org/doi/abs/10.1145/3626772.3657819?download=true"),
    identityOfPaper(paper({ title: "Some Paper, as the venue printed it", ids: { doi: "10.1145/3626772.3657819" } })),
    "doi",
  ],
  [
    "one title with different punctuation, case and LaTeX",
    row("RazorAttention: Efficient KV Cache Compression Through Retrieval Heads", "2024-07-22"),
    identityOfPaper(paper({ title: "Razorattention — efficient KV-cache compression through \\textit{retrieval} heads", published: "2024-07-22" })),
    "title",
  ],
  [
    "two different papers with the same short title, years apart (catalog row, no authors)",
    row("Attention Heads", "2019-06-01"),
    identityOfPaper(paper({ title: "Attention heads", published: "2025-02-01" })),
    undefined,
  ],
  [
    "two different papers with the same short title by different first authors",
    identityOfPaper(paper({ title: "Induction Heads", authors: ["Ada Lovelace"], published: "2025-01-01" })),
    identityOfPaper(paper({ title: "Induction heads", authors: ["Alan Turing"], published: "2025-01-01" })),
    undefined,
  ],
  [
    "one long title posted twice on arXiv by the same authors",
    identityOfPaper(paper({ title: "A Title Long Enough To Identify A Paper", authors: ["B. Two"], ids: { arxiv: "2601.00003" } })),
    identityOfPaper(paper({ title: "A Title Long Enough To Identify A Paper", authors: ["B. Two"], ids: { arxiv: "2601.00004" } })),
    "title",
  ],
  [
    "one long title by two different first authors",
    identityOfPaper(paper({ title: "A Title Long Enough To Identify A Paper", authors: ["B. Two"] })),
    identityOfPaper(paper({ title: "A Title Long Enough To Identify A Paper", authors: ["C. Three"] })),
    undefined,
  ],
  [
    "a short title backed by the same first author",
    identityOfPaper(paper({ title: "Induction Heads", authors: ["Ada Lovelace"] })),
    identityOfPaper(paper({ title: "Induction Heads.", authors: ["Lovelace, Ada"], sources: ["openreview"] })),
    "title",
  ],
  [
    "a short title in the catalog and a paper of the next year",
    row("Attention Heads", "2024-12-30"),
    identityOfPaper(paper({ title: "Attention Heads", published: "2025-01-02" })),
    "title",
  ],
];

describe("one paper identity", () => {
  it.each(cases)("%s", (_, a, b, key) => {
    expect(samePaper(a, b)).toBe(key);
    expect(samePaper(b, a)).toBe(key);
    const index = new IdentityIndex<string>();
    index.add(a, "a");
    expect(index.find(b)?.key).toBe(key);
  });

  it("names a paper without its arXiv version", () => {
    expect(paperKey(paper({ title: "T", ids: { arxiv: "2404.15574", arxivVersion: 2 } }))).toBe("arxiv:2404.15574");
    expect(identityKey({ title: "t", openreview: "abc" })).toBe("openreview:abc");
    expect(paperKey(paper({ title: "A Title" }))).toBe("title:atitle");
  });

  it("is the rule the sources' merge, the scan's drop-known step and the catalog's insert all apply", () => {
    const [, v1, v2] = [0, paper({ title: retrieval, ids: { arxiv: "2404.15574", arxivVersion: 1 } }), paper({ title: retrieval, ids: { arxiv: "2404.15574", arxivVersion: 2 } })];
    const shortA = paper({ title: "Attention Heads", authors: ["Ada Lovelace"] });
    const shortB = paper({ title: "Attention Heads", authors: ["Alan Turing"] });
    expect(mergePapers([v1!, v2!, shortA, shortB]).papers).toHaveLength(3);

    const catalog = parseCatalog(
      "| Date | Paper | Tags | Links |\n| --- | --- | --- | --- |\n| 2019-06-01 | **Attention Heads** | ![](https://img.shields.io/badge/Induction%20Head-blue) | [![Paper](https://img.shields.io/badge/arXiv-Paper-%23D2691E)](https://arxiv.org/abs/1906.00001) |\n",
    );
    const { known, candidates } = dropKnownPapers([paper({ title: "Attention heads", published: "2025-02-01" })], catalog.entries);
    expect(known).toHaveLength(0);
    expect(candidates).toHaveLength(1);
  });
});

describe.skipIf(!hasShared)(`the catalog row that reuses another paper's ACL link (f12599b)${hasShared ? "" : ` (${sharedMissingReason})`}`, () => {
  it("is refused as a duplicate, naming both titles", () => {
    const before = readShared("catalog-history/014-2024-07-09-c20133d.md");
    const adaptively = parseCatalog(readShared("catalog-history/015-2024-07-09-f12599b.md")).entries.find((e) => e.entry.title === "Adaptively Sparse Transformers")!;
    let error: unknown;
    try {
      insert(before, [{ ...adaptively.entry, section: undefined }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuplicateEntryError);
    expect((error as Error).message).toMatch(/'Adaptively Sparse Transformers' is already in the catalog at line \d+ as 'Analyzing Multi-Head Self-Attention[^']*' \(same ACL Anthology id: P19-1580; the titles differ/);
  });
});
