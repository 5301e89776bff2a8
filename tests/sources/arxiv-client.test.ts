import nock from "nock";
import { describe, expect, it } from "vitest";
import { ARXIV, arxivOnlyConfig, fixture, runSources, seenRequest } from "./helpers.ts";

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };

/** Replies to the arXiv query starting at `start`, recording when (on the test clock) it was asked. */
function page(start: number, status: number, body: string, headers: Record<string, string> = ATOM) {
  return nock(ARXIV)
    .get("/api/query")
    .query((q) => q.start === String(start))
    .reply(status, body, headers);
}

describe("arXiv search", () => {
  it("pages through the whole result set, politely: one request at a time, 3 s apart, with User-Agent and Accept", async () => {
    const asked: { start: string; userAgent: string | null; accept: string | null; query: URLSearchParams }[] = [];
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .times(3)
      .reply((arg: string) => {
        const request = seenRequest(arg, ARXIV);
        const query = request.url.searchParams;
        asked.push({ start: query.get("start")!, userAgent: request.header("user-agent"), accept: request.header("accept"), query });
        const name = { "0": "query-page-1.xml", "2": "query-page-2.xml", "4": "query-page-3.xml" }[query.get("start")!]!;
        return [200, fixture("arxiv", name), ATOM];
      });
    const { papers, report, clock } = await runSources(arxivOnlyConfig());

    expect(papers.map((p) => p.ids.arxiv)).toEqual(["2606.01234", "2606.01102", "2606.00987", "2606.00850", "2606.00702"]);
    expect(asked.map((a) => a.start)).toEqual(["0", "2", "4"]);
    const first = asked[0]!;
    expect(first.query.get("search_query")).toBe(
      '(ti:"attention head" OR abs:"attention head") AND submittedDate:[202606010000 TO 202606022359]',
    );
    expect(first.query.get("sortBy")).toBe("submittedDate");
    expect(first.query.get("sortOrder")).toBe("descending");
    expect(first.query.get("max_results")).toBe("2");
    expect(first.userAgent).toMatch(/^headscout\//);
    expect(first.accept).toBe("application/atom+xml");
    // Each request after the first waited for the 3 s spacing (on the injected clock).
    expect(clock.slept).toEqual([3000, 3000]);
    expect(report.sources.arxiv).toMatchObject({ status: "ok", requests: 3, pages: 3, papers: 5, retries: 0, queries: 1 });
  });

  it("stops paging once results fall before the window, even when more are announced", async () => {
    page(0, 200, fixture("arxiv", "query-page-1.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>40<"));
    page(2, 200, fixture("arxiv", "window-page-2.xml"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    // 2605.30999 was submitted on 31 May: dropped, and no third page asked for.
    expect(papers.map((p) => p.ids.arxiv)).toEqual(["2606.01234", "2606.01102", "2606.00987"]);
    expect(report.sources.arxiv).toMatchObject({ status: "ok", requests: 2, pages: 2 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("retries an empty page in the middle of the result set instead of ending there", async () => {
    page(0, 200, fixture("arxiv", "query-page-1.xml"));
    page(2, 200, fixture("arxiv", "query-page-2-empty.xml"));
    page(2, 200, fixture("arxiv", "query-page-2.xml"));
    page(4, 200, fixture("arxiv", "query-page-3.xml"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers).toHaveLength(5);
    expect(report.sources.arxiv).toMatchObject({ status: "ok", requests: 4, pages: 3, retries: 1 });
  });

  it("retries a 503 and then goes on", async () => {
    page(0, 503, "Service Unavailable", { "Content-Type": "text/plain" });
    page(0, 200, fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers.map((p) => p.ids.arxiv)).toEqual(["2606.00702"]);
    expect(report.sources.arxiv).toMatchObject({ status: "ok", requests: 2, retries: 1 });
  });

  it("waits as long as a 429's Retry-After asks before trying again", async () => {
    page(0, 429, "Too Many Requests", { "Retry-After": "20" });
    page(0, 200, fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<"));
    const { report, clock } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv).toMatchObject({ status: "ok", retries: 1 });
    const waited = clock.slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(20_000);
    expect(waited).toBeLessThan(22_000);
  });

  it("treats arXiv's 406 as throttling, and gives up after a bounded time with an error that says so", async () => {
    nock(ARXIV).get("/api/query").query(true).times(50).reply(406, "Not Acceptable");
    const { papers, report, clock } = await runSources(arxivOnlyConfig());
    expect(papers).toEqual([]);
    expect(report.sources.arxiv.status).toBe("failed");
    expect(report.sources.arxiv.reason).toMatch(/^arXiv kept failing \(HTTP 406\) for GET https:\/\/export\.arxiv\.org\/api\/query\?search_query=.*gave up after \d+ attempt\(s\) over [\d.]+ s \(limit 300 s per request\)/);
    expect(report.sources.arxiv.retries).toBeGreaterThan(2);
    // Bounded: the whole struggle stayed within the five-minute budget (plus one request's spacing).
    expect(clock.now() - Date.parse("2026-06-03T12:00:00Z")).toBeLessThanOrEqual(300_000 + 3000);
  });

  it("gives up at once when Retry-After asks for more than the retry budget", async () => {
    page(0, 429, "", { "Retry-After": "3600" });
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv).toMatchObject({ status: "failed", requests: 1, retries: 0 });
    expect(report.sources.arxiv.reason).toMatch(/HTTP 429.*it asked to wait 36\d\d(\.\d)? s more/);
  });

  it("reports a malformed feed as a failure naming arXiv and the request", async () => {
    page(0, 200, fixture("arxiv", "malformed-truncated.xml"));
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv.status).toBe("failed");
    expect(report.sources.arxiv.reason).toMatch(/^arXiv sent a malformed feed for GET https:\/\/export\.arxiv\.org\/api\/query\?search_query=/);
  });

  it("reports an Error entry (HTTP 400) with arXiv's own explanation", async () => {
    page(0, 400, fixture("arxiv", "error-400-bad-query.xml"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers).toEqual([]);
    expect(report.sources.arxiv).toMatchObject({ status: "failed", requests: 1 });
    expect(report.sources.arxiv.reason).toMatch(/arXiv rejected the query GET .*: max_results must be less than or equal to 2000/);
  });

  it("keeps what earlier pages found when a later page fails", async () => {
    page(0, 200, fixture("arxiv", "query-page-1.xml"));
    page(2, 200, fixture("arxiv", "malformed-truncated.xml"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers).toHaveLength(2);
    expect(report.sources.arxiv).toMatchObject({ status: "failed", papers: 2, pages: 1 });
  });

  it("says 'empty', not 'failed', when the window has no papers", async () => {
    page(0, 200, fixture("arxiv", "query-page-2-empty.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>0<").replace("<opensearch:startIndex>2<", "<opensearch:startIndex>0<"));
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv).toMatchObject({ status: "empty", requests: 1, papers: 0 });
  });

  it("merges the v1 and v2 of one paper into one, with the latest version's title", async () => {
    page(0, 200, fixture("arxiv", "versions-v1-v2.xml"));
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      ids: { arxiv: "2606.01102", arxivVersion: 2 },
      title: "Successor Heads in the $\\mathcal{O}(n)$ Regime: Ordinal Attention Heads at Scale",
    });
    expect(report.sources.arxiv.papers).toBe(1);
  });

  it("runs several queries when the phrases do not fit in one, and counts a paper found twice once", async () => {
    const phrases = Array.from({ length: 40 }, (_, i) => `distinct phrase number ${i} head`);
    const queries: string[] = [];
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .times(10)
      .reply((arg: string) => {
        queries.push(seenRequest(arg, ARXIV).url.searchParams.get("search_query")!);
        return [200, fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<"), ATOM];
      });
    const { papers, report } = await runSources(arxivOnlyConfig({ phrases, pageSize: 2000 }));
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(1000);
    expect(report.sources.arxiv.queries).toBe(queries.length);
    expect(papers).toHaveLength(1);
  });
});
