import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArxivFeed } from "../../src/sources/arxiv/parse-atom.ts";
import { paperSchema } from "../../src/sources/paper.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";
import { fixture } from "./helpers.ts";

describe("parseArxivFeed on the project's fixtures", () => {
  it("reads every field of an entry whatever the element order, and collapses titles", () => {
    const page = parseArxivFeed(fixture("arxiv", "query-page-1.xml"), "page 1");
    expect(page.totalResults).toBe(5);
    expect(page.startIndex).toBe(0);
    const [induction, successor] = page.papers;
    expect(induction).toMatchObject({
      ids: { arxiv: "2606.01234", arxivVersion: 1 },
      title: "Tracing Induction Heads Through Training in Small Transformers",
      abstract: "We follow induction heads through training in two-layer attention-only transformers and find the previous-token heads they depend on form first.",
      authors: ["Ana Ruiz", "Ben Okafor"],
      published: "2026-06-02T17:58:01Z",
      primaryCategory: "cs.LG",
      categories: ["cs.LG", "cs.CL"],
      comment: "12 pages, 7 figures",
      links: { abstract: "https://arxiv.org/abs/2606.01234v1", pdf: "https://arxiv.org/pdf/2606.01234v1" },
      sources: ["arxiv"],
    });
    // This entry's elements come in reverse order; LaTeX stays as written.
    expect(successor).toMatchObject({
      ids: { arxiv: "2606.01102", arxivVersion: 2, doi: "10.1234/example.2026.001" },
      title: "Successor Heads in the $\\mathcal{O}(n)$ Regime: Ordinal Attention Heads at Scale",
      authors: ["Chen Wei", "Dana Petrov", "Ed Malik"],
      updated: "2026-06-03T10:00:00Z",
      journalRef: "Proc. Interp. Workshop 2026, pp. 1-9",
    });
    for (const paper of page.papers) expect(paperSchema.safeParse(paper).success).toBe(true);
  });

  it("reads the 2016 layout with an old-style id", () => {
    const [paper] = parseArxivFeed(fixture("arxiv", "legacy-2016-old-style-id.xml"), "legacy").papers;
    expect(paper).toMatchObject({
      ids: { arxiv: "cs/0205012", arxivVersion: 2 },
      title: "A Statistical Model of Word Alignment for Machine Translation",
      primaryCategory: "cs.CL",
      comment: "8 pages",
      links: { abstract: "https://arxiv.org/abs/cs/0205012v2", pdf: "https://arxiv.org/pdf/cs/0205012v2" },
    });
  });

  it("treats an Error entry as arXiv rejecting the query, not as a paper", () => {
    expect(() => parseArxivFeed(fixture("arxiv", "error-400-bad-query.xml"), "GET https://export.arxiv.org/api/query?x")).toThrow(
      /arXiv rejected the query GET https:\/\/export\.arxiv\.org\/api\/query\?x: max_results must be less than or equal to 2000/,
    );
  });

  it("names arXiv and the request when the feed is malformed", () => {
    expect(() => parseArxivFeed(fixture("arxiv", "malformed-truncated.xml"), "GET https://export.arxiv.org/api/query?start=0")).toThrow(
      /^arXiv sent a malformed feed for GET https:\/\/export\.arxiv\.org\/api\/query\?start=0/,
    );
    expect(() => parseArxivFeed("<html><body>Rate exceeded.</body></html>", "GET /q")).toThrow(/without an Atom <feed> for GET \/q/);
  });

  it("decodes entities and character references once, in text and links", () => {
    const xml = fixture("arxiv", "query-page-3.xml")
      .replace("Safety Heads Are Few: Ablating Refusal Circuits", "Heads &amp;amp; Tails: Caf&#233; &lt;Attention&gt; &#x2014; Refusal")
      .replace("carry most of the refusal", "carry &quot;most&quot; of the refusal");
    const [paper] = parseArxivFeed(xml, "entities").papers;
    expect(paper?.title).toBe("Heads &amp; Tails: Café <Attention> — Refusal");
    expect(paper?.abstract).toContain('carry "most" of the refusal');
  });

  it("keeps both versions of one paper apart when a feed lists v1 and v2", () => {
    const page = parseArxivFeed(fixture("arxiv", "versions-v1-v2.xml"), "versions");
    expect(page.papers.map((p) => [p.ids.arxiv, p.ids.arxivVersion])).toEqual([
      ["2606.01102", 1],
      ["2606.01102", 2],
    ]);
  });
});

describe.skipIf(!hasShared)(`parseArxivFeed on recorded arXiv responses (${hasShared ? "../shared/fixtures/real" : sharedMissingReason})`, () => {
  const read = (name: string) => readFileSync(sharedPath("fixtures", "real", name), "utf8");

  it("reads the current layout: 10 entries with DOIs, journal refs and several categories", () => {
    const page = parseArxivFeed(read("arxiv_atom_search_testing_m10.xml"), "testing");
    expect(page.totalResults).toBe(214881);
    expect(page.papers).toHaveLength(10);
    expect(page.papers[0]).toMatchObject({
      ids: { arxiv: "2202.12139", arxivVersion: 1, doi: "10.1109/icstw55395.2022.00035" },
      primaryCategory: "cs.SE",
      categories: ["cs.SE", "cs.LG"],
    });
    for (const paper of page.papers) expect(paperSchema.safeParse(paper).success).toBe(true);
  });

  it("reads the 2016 layout with per-element namespaces and an old-style id", () => {
    const [paper] = parseArxivFeed(read("arxiv_atom_legacy_2016_del_maestro_checkerboard.xml"), "legacy").papers;
    expect(paper).toMatchObject({
      ids: { arxiv: "cond-mat/0603029", arxivVersion: 1, doi: "10.1103/physrevb.74.024520" },
      title: "From stripe to checkerboard order on the square lattice in the presence of quenched disorder",
      journalRef: "Phys. Rev. B 74, 024520 (2006)",
      primaryCategory: "cond-mat.str-el",
      categories: ["cond-mat.str-el", "cond-mat.supr-con"],
      authors: ["Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"],
    });
  });

  it("reads an empty result and a long author list", () => {
    expect(parseArxivFeed(read("arxiv_atom_empty_result.xml"), "empty")).toMatchObject({ totalResults: 0, papers: [] });
    const [paper] = parseArxivFeed(read("arxiv_atom_id_list_1707.08567.xml"), "id").papers;
    expect(paper?.authors).toHaveLength(34);
    expect(paper?.ids.arxiv).toBe("1707.08567");
  });

  it("rejects the recorded error feed instead of counting its entry", () => {
    expect(() => parseArxivFeed(read("arxiv_atom_error_400_bad_id.xml"), "bad id")).toThrow(/incorrect id format for abc/);
  });
});
