import nock from "nock";
import { describe, expect, it } from "vitest";
import { mergePapers } from "../../src/sources/merge.ts";
import { sourcesConfigSchema } from "../../src/sources/config.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { ARXIV, fixture, OPENREVIEW, runSources } from "./helpers.ts";

const JSON_TYPE = { "Content-Type": "application/json" };
const CREDENTIALS = { OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "s3cret" };

function paper(overrides: Partial<Paper>): Paper {
  return {
    ids: {},
    title: "A Title Long Enough To Identify A Paper",
    abstract: "",
    authors: ["Ada Lovelace"],
    published: "2026-06-01T00:00:00Z",
    categories: [],
    links: {},
    sources: ["arxiv"],
    ...overrides,
  };
}

describe("merging what the sources found", () => {
  it("joins the same paper from arXiv and OpenReview (by title and first author) with both links and OpenReview's acceptance", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "query-page-1.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>2<"));
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(200, fixture("openreview", "notes-search-attention-heads.json"), JSON_TYPE);
    const config = sourcesConfigSchema.parse({ arxiv: { phrases: ["attention head"], combinations: [] } });
    const { papers, report } = await runSources(config, CREDENTIALS);

    expect(papers.map((p) => p.title)).toEqual([
      "Tracing Induction Heads Through Training in Small Transformers",
      "Successor Heads in the $\\mathcal{O}(n)$ Regime: Ordinal Attention Heads at Scale",
      "Do Attention Heads Specialise by Language?",
    ]);
    expect(papers[1]).toMatchObject({
      ids: { arxiv: "2606.01102", arxivVersion: 2, openreview: "Sx7QkR2mPa", doi: "10.1234/example.2026.001" },
      links: {
        abstract: "https://arxiv.org/abs/2606.01102v2",
        pdf: "https://arxiv.org/pdf/2606.01102v2",
        openreview: "https://openreview.net/forum?id=Sx7QkR2mPa",
      },
      venue: "ICML 2026 Poster",
      decision: "accepted",
      sources: ["arxiv", "openreview"],
      published: "2026-06-02T09:12:44Z",
    });
    expect(report).toMatchObject({ papers: 3, merged: 1 });
    expect(report.sources.arxiv).toMatchObject({ status: "ok", papers: 2 });
    expect(report.sources.openreview).toMatchObject({ status: "ok", papers: 2 });
  });

  it("keeps arXiv's papers when OpenReview is challenged, and says which source is missing", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "query-page-1.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>2<"));
    nock(OPENREVIEW).post("/login").reply(403, fixture("openreview", "error-403-challenge.json"), JSON_TYPE);
    const config = sourcesConfigSchema.parse({ arxiv: { phrases: ["attention head"], combinations: [] } });
    const { papers, report } = await runSources(config, CREDENTIALS);
    expect(papers).toHaveLength(2);
    expect(report.sources.arxiv.status).toBe("ok");
    expect(report.sources.openreview.status).toBe("unavailable");
  });

  it("matches by arXiv id and by DOI, whatever the titles say", () => {
    const { papers, merged } = mergePapers([
      paper({ ids: { arxiv: "2404.15574", arxivVersion: 1 }, title: "Retrieval Head Mechanistically Explains Long-Context Factuality" }),
      paper({ ids: { openreview: "abc123", arxiv: "2404.15574" }, title: "Retrieval Heads (camera-ready)", sources: ["openreview"], venue: "ICLR 2025 Oral", decision: "accepted" }),
      paper({ ids: { doi: "10.18653/v1/p16-1154" }, title: "Incorporating Copying Mechanism in Sequence-to-Sequence Learning" }),
      paper({ ids: { openreview: "xyz", doi: "10.18653/V1/P16-1154" }, title: "CopyNet", sources: ["openreview"] }),
    ]);
    expect(merged).toBe(2);
    expect(papers.map((p) => [p.title, p.sources])).toEqual([
      ["Retrieval Head Mechanistically Explains Long-Context Factuality", ["arxiv", "openreview"]],
      ["Incorporating Copying Mechanism in Sequence-to-Sequence Learning", ["arxiv", "openreview"]],
    ]);
    expect(papers[0]).toMatchObject({ venue: "ICLR 2025 Oral", decision: "accepted" });
  });

  it("does not join different papers that share a short title or a title with another first author", () => {
    const { papers } = mergePapers([
      paper({ ids: { arxiv: "2601.00001" }, title: "Attention Heads", authors: ["A. One"] }),
      paper({ ids: { arxiv: "2601.00002" }, title: "Attention Heads", authors: [] }),
      paper({ ids: { arxiv: "2601.00003" }, title: "A Title Long Enough To Identify A Paper", authors: ["B. Two"] }),
      paper({ ids: { arxiv: "2601.00004" }, title: "A Title Long Enough To Identify A Paper", authors: ["C. Three"] }),
    ]);
    expect(papers).toHaveLength(4);
  });

  it("keeps a known acceptance over a later 'Submitted to' and arXiv's text over OpenReview's", () => {
    const { papers } = mergePapers([
      paper({ ids: { openreview: "f1" }, sources: ["openreview"], venue: "Submitted to ICLR 2027", decision: "pending", abstract: "short" }),
      paper({ ids: { arxiv: "2610.00001", arxivVersion: 3 }, abstract: "the arXiv abstract", venue: "NeurIPS 2026", decision: "accepted" }),
      paper({ ids: { openreview: "f1" }, sources: ["openreview"], venue: "Submitted to ICLR 2027", decision: "pending" }),
    ]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ abstract: "the arXiv abstract", venue: "NeurIPS 2026", decision: "accepted", ids: { arxivVersion: 3 } });
  });
});
