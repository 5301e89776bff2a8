import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { findSubmittedPaper } from "../../../src/github/intake/find-paper.ts";
import { parseIntakeIssue, type Submission } from "../../../src/github/intake/parse-issue.ts";
import { fetchArxivByIds, searchArxivByTitle, titleSearchQuery } from "../../../src/sources/arxiv/lookup.ts";
import { renderArxivFeed } from "../../helpers/arxiv-feed.ts";
import { projectRoot } from "../../helpers/shared.ts";
import { seenRequest } from "../../sources/helpers.ts";
import {
  answersFor,
  ARXIV,
  arxivAnswers,
  ATOM,
  byIds,
  byTitle,
  ITERATION_HEAD,
  ITERATION_HEAD_FOLLOW_UP,
  OPENREVIEW,
  RETRIEVAL_HEAD,
  renderFormBody,
  testLookup,
  type Answers,
  type SeenQuery,
} from "./helpers.ts";

function submission(answers: Answers): Submission {
  const parsed = parseIntakeIssue(renderFormBody(answers));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.submission;
}

const fixture = (kind: string, name: string) => readFileSync(join(projectRoot, "tests", "fixtures", kind, name), "utf8");

describe("the arXiv lookups", () => {
  it("builds a title phrase query without punctuation or LaTeX", () => {
    expect(titleSearchQuery("Successor Heads in the $\\mathcal{O}(n)$ Regime: \"Ordinal\" Heads")).toBe('ti:"Successor Heads in the O n Regime Ordinal Heads"');
    expect(titleSearchQuery("“—”")).toBeUndefined();
  });

  it("asks for ids in one id_list request and returns the papers in the order asked", async () => {
    const seen: SeenQuery[] = [];
    arxivAnswers([RETRIEVAL_HEAD, ITERATION_HEAD], seen, byIds);
    const papers = await fetchArxivByIds(testLookup().arxiv, ["https://arxiv.org/pdf/2406.02128v1", "arXiv:2404.15574", "not an id"]);
    expect(papers.map((p) => p.ids.arxiv)).toEqual(["2406.02128", "2404.15574"]);
    expect(seen).toEqual([expect.objectContaining({ id_list: "2406.02128,2404.15574", max_results: "2" })]);
  });

  it("sends the title search with User-Agent and Accept, sorted by relevance", async () => {
    let headers: Headers | undefined;
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .reply((arg: unknown) => {
        const request = seenRequest(arg, ARXIV);
        headers = new Headers({ "user-agent": request.header("user-agent") ?? "", accept: request.header("accept") ?? "" });
        return [200, renderArxivFeed([ITERATION_HEAD]), ATOM];
      });
    const search = await searchArxivByTitle(testLookup().arxiv, ITERATION_HEAD.title);
    expect(search.query).toBe('ti:"Iteration Head A Mechanistic Study of Chain of Thought"');
    expect(headers?.get("user-agent")).toMatch(/^headscout\//);
    expect(headers?.get("accept")).toBe("application/atom+xml");
  });

  it("reports arXiv's rejection of a query in arXiv's words", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(400, fixture("arxiv", "error-400-bad-query.xml"), ATOM);
    await expect(searchArxivByTitle(testLookup().arxiv, "x y")).rejects.toThrow(/arXiv rejected the query .*max_results must be less than or equal to 2000/);
  });
});

describe("findSubmittedPaper", () => {
  it("finds the paper by its title: the result whose normalised title equals the submitted one", async () => {
    const seen: SeenQuery[] = [];
    arxivAnswers([ITERATION_HEAD_FOLLOW_UP, ITERATION_HEAD], seen, byTitle);
    // Typed differently from arXiv: case, dashes, spacing.
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD, { Title: "iteration head — a mechanistic study of chain of thought" })), testLookup());
    expect(result).toMatchObject({ kind: "found", via: "title", paper: { ids: { arxiv: "2406.02128" }, title: ITERATION_HEAD.title }, notes: [] });
    expect(seen.map((q) => q.search_query)).toEqual(['ti:"iteration head a mechanistic study of chain of thought"']);
  });

  it("finds the paper by an arXiv URL in any field, with one request and no title search", async () => {
    const seen: SeenQuery[] = [];
    arxivAnswers([ITERATION_HEAD], seen, byIds);
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD, { Source: "arXiv (https://arxiv.org/pdf/2406.02128v1.pdf)" })), testLookup());
    expect(result).toMatchObject({ kind: "found", via: "link", paper: { ids: { arxiv: "2406.02128" } } });
    expect(seen).toEqual([expect.objectContaining({ id_list: "2406.02128" })]);
    expect(result.searched).toEqual(["arXiv for arXiv:2406.02128 (linked in the issue)"]);
  });

  it("prefers the title search over a linked paper with another title (a cited paper in the summary), and falls back to the link", async () => {
    arxivAnswers([RETRIEVAL_HEAD], [], byIds);
    arxivAnswers([ITERATION_HEAD], [], byTitle);
    const cited = submission(answersFor(ITERATION_HEAD, { Summary: "Builds on https://arxiv.org/abs/2404.15574." }));
    expect(await findSubmittedPaper(cited, testLookup())).toMatchObject({ kind: "found", via: "title", paper: { ids: { arxiv: "2406.02128" } } });

    arxivAnswers([ITERATION_HEAD], [], byIds);
    arxivAnswers([], [], byTitle);
    const typo = submission(answersFor(ITERATION_HEAD, { Title: "Iteration Heads: A Mechanistic Study", Source: "arxiv.org/abs/2406.02128" }));
    const result = await findSubmittedPaper(typo, testLookup());
    expect(result).toMatchObject({ kind: "found", via: "link", paper: { ids: { arxiv: "2406.02128" } } });
    expect(result.kind === "found" && result.notes[0]).toMatch(/^The title given \(“Iteration Heads: A Mechanistic Study”\) differs from the title of the linked paper/);
  });

  it("says what it searched and what arXiv returned instead when no title matches", async () => {
    arxivAnswers([ITERATION_HEAD_FOLLOW_UP], [], byTitle);
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD)), testLookup());
    expect(result).toEqual({
      kind: "not-found",
      searched: ['arXiv for the title (search_query ti:"Iteration Head A Mechanistic Study of Chain of Thought")'],
      reason: "no arXiv paper has exactly this title",
      candidates: [expect.objectContaining({ title: ITERATION_HEAD_FOLLOW_UP.title })],
    });
  });

  it("says so when arXiv returns nothing at all (the real empty answer)", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "query-page-2-empty.xml").replace("<opensearch:totalResults>5", "<opensearch:totalResults>0"), ATOM);
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD)), testLookup());
    expect(result).toMatchObject({ kind: "not-found", reason: "arXiv has no paper with this title", candidates: [] });
  });

  it("needs the year for a short title, and will not guess between namesakes", async () => {
    const short = { ...ITERATION_HEAD, ids: { arxiv: "2501.00001" }, title: "Induction Heads", published: "2025-01-02T00:00:00Z", authors: ["A. One"] };
    const namesake = { ...short, ids: { arxiv: "2501.00002" }, authors: ["B. Two"] };
    arxivAnswers([short], [], byTitle);
    const withoutYear = parseIntakeIssue("### Title\n\nInduction Heads\n\n### Head Name\n\nInduction Head").submission;
    expect(await findSubmittedPaper(withoutYear, testLookup())).toMatchObject({ kind: "not-found", reason: /a title this short also needs the publication year/ });

    arxivAnswers([short], [], byTitle);
    expect(await findSubmittedPaper({ ...withoutYear, published: "2025-01" }, testLookup())).toMatchObject({ kind: "found", paper: { ids: { arxiv: "2501.00001" } } });

    arxivAnswers([short, namesake], [], byTitle);
    expect(await findSubmittedPaper({ ...withoutYear, published: "2025" }, testLookup())).toMatchObject({
      kind: "not-found",
      reason: "2 arXiv papers have exactly this title, so I cannot tell which one is meant",
      candidates: [{ ids: { arxiv: "2501.00001" } }, { ids: { arxiv: "2501.00002" } }],
    });
  });

  it("fails clearly when arXiv is down, after its retries", async () => {
    const scope = nock(ARXIV).get("/api/query").query(true).times(10).reply(503, "Service Unavailable");
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD)), testLookup());
    expect(result.kind).toBe("failed");
    expect(result.kind === "failed" && result.reason).toMatch(/^arXiv kept failing \(HTTP 503\) for GET https:\/\/export\.arxiv\.org\/api\/query\?.* gave up after \d+ attempt\(s\)/);
    expect(scope.isDone()).toBe(false); // stopped within its retry budget, not at the tenth answer
  });

  it("looks an OpenReview forum up with the server's account, and merges the arXiv copy a field links too", async () => {
    const notes = JSON.parse(fixture("openreview", "notes-search-attention-heads.json")) as { notes: { id: string }[] };
    const note = notes.notes.find((n) => n.id === "Sx7QkR2mPa")!;
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), { "Content-Type": "application/json" });
    let asked: string | undefined;
    nock(OPENREVIEW)
      .get("/notes")
      .query({ id: "Sx7QkR2mPa" })
      .reply((arg: unknown) => {
        asked = seenRequest(arg, OPENREVIEW).header("authorization") ?? undefined;
        return [200, JSON.stringify({ notes: [note], count: 1 }), { "Content-Type": "application/json" }];
      });
    const seen: SeenQuery[] = [];
    nock(ARXIV)
      .get("/api/query")
      .query((q) => {
        seen.push(q as SeenQuery);
        return q.id_list === "2606.01102";
      })
      .reply(200, fixture("arxiv", "versions-v1-v2.xml"), ATOM);
    const lookup = testLookup({ OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "hunter2" });
    const title = "Successor Heads in the $\\mathcal{O}(n)$ Regime: Ordinal Attention Heads at Scale";
    const answers = answersFor(ITERATION_HEAD, { Title: title, Source: "ICML 2026 (https://openreview.net/forum?id=Sx7QkR2mPa, arXiv:2606.01102)" });
    const result = await findSubmittedPaper(submission(answers), lookup);
    expect(asked).toMatch(/^Bearer ey/);
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({
      kind: "found",
      via: "link",
      paper: { ids: { arxiv: "2606.01102", arxivVersion: 2, openreview: "Sx7QkR2mPa" }, venue: "ICML 2026 Poster", sources: ["arxiv", "openreview"] },
    });
    expect(result.searched).toEqual(["arXiv for arXiv:2606.01102 (linked in the issue)", "OpenReview for the forum Sx7QkR2mPa (linked in the issue)"]);
  });

  it("says an OpenReview link was not looked up without an account, and searches the title instead", async () => {
    arxivAnswers([ITERATION_HEAD], [], byTitle);
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD, { Source: "https://openreview.net/forum?id=Sx7QkR2mPa" })), testLookup());
    expect(result).toMatchObject({ kind: "found", via: "title" });
    expect(result.searched[0]).toBe("not OpenReview for the forum Sx7QkR2mPa: this headscout has no OpenReview account");
  });

  it("keeps the OpenReview password and token out of a failure", async () => {
    nock(OPENREVIEW).post("/login").reply(500, "hunter2 went wrong").persist();
    const lookup = testLookup({ OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "hunter2" });
    const result = await findSubmittedPaper(submission(answersFor(ITERATION_HEAD, { Source: "https://openreview.net/forum?id=Sx7QkR2mPa" })), lookup);
    nock.cleanAll();
    expect(result.kind).toBe("failed");
    expect(result.kind === "failed" && result.reason).not.toContain("hunter2");
  });
});
