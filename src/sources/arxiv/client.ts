import { HeadscoutError } from "../../errors.ts";
import { quoteBody } from "../../http/quote-body.ts";
import { describeRequest } from "../../http/describe-request.ts";
import type { HttpContext, HttpResult } from "../http/request.ts";
import { requestWithRetry } from "../http/request.ts";
import type { SearchProgress } from "../report.ts";
import type { SearchWindow } from "./build-query.ts";
import { parseArxivFeed, type ArxivFeedPage } from "./parse-atom.ts";

export const ARXIV_API_URL = "https://export.arxiv.org/api/query";

export interface ArxivSearch {
  /** The export API endpoint (`…/api/query`). */
  baseUrl: string;
  /** `search_query` values, run one after the other. */
  queries: readonly string[];
  window: SearchWindow;
  pageSize: number;
  /** Per query. */
  maxResults: number;
  userAgent: string;
}

/**
 * Pages through every query, newest submissions first, until the results run out or fall before
 * the window. Requests go through `http` (one at a time, spaced, retried); any failure throws.
 */
export async function searchArxiv(
  search: ArxivSearch,
  http: HttpContext,
  result: SearchProgress = { papers: [], pages: 0, notes: [] },
): Promise<SearchProgress> {
  const from = search.window.from.getTime();
  const to = search.window.to.getTime() + 59_999; // the window is inclusive to the minute
  const undated: string[] = [];
  try {
    await searchQueries(search, http, result, { from, to, undated });
  } finally {
    // Summed up in one note, even when a later request failed: a paper left out for its date is never silent.
    if (undated.length > 0) {
      result.notes.push(`arXiv: ${undated.length} ${undated.length === 1 ? "entry" : "entries"} skipped for an unreadable date (first: ${undated[0]})`);
    }
  }
  return result;
}

async function searchQueries(
  search: ArxivSearch,
  http: HttpContext,
  result: SearchProgress,
  { from, to, undated }: { from: number; to: number; undated: string[] },
): Promise<void> {
  for (const query of search.queries) {
    let start = 0;
    let collected = 0;
    for (;;) {
      const size = Math.min(search.pageSize, search.maxResults - collected);
      const page = await fetchArxivPage(search, http, query, start, size);
      result.pages++;
      result.notes.push(...page.skipped);
      undated.push(...page.undated);
      let pastWindow = false;
      for (const paper of page.papers) {
        const submitted = Date.parse(paper.published);
        if (submitted < from) pastWindow = true;
        else if (submitted <= to) result.papers.push(paper);
      }
      http.progress?.({ kind: "page", papers: result.papers.length });
      const seen = page.papers.length + page.skipped.length + page.undated.length;
      start += seen;
      collected += seen;
      if (pastWindow || seen === 0 || start >= page.totalResults) break;
      if (collected >= search.maxResults) {
        result.notes.push(`query stopped at sources.arxiv.maxResults (${search.maxResults}) of ${page.totalResults} results: ${query}`);
        break;
      }
    }
  }
}

/** One page, with arXiv's quirks handled: an empty page inside the result set is retried. */
export async function fetchArxivPage(
  search: ArxivSearch,
  http: HttpContext,
  query: string,
  start: number,
  size: number,
): Promise<ArxivFeedPage> {
  const params = new URLSearchParams({
    search_query: query,
    start: String(start),
    max_results: String(size),
    sortBy: "submittedDate",
    sortOrder: "descending",
  });
  const url = `${search.baseUrl}?${params.toString()}`;
  const source = describeRequest("GET", url);
  let page: ArxivFeedPage | undefined;
  const retryReason = (response: HttpResult): string | undefined => {
    if (response.status !== 200) return undefined;
    page = parseArxivFeed(response.text, source);
    if (page.papers.length + page.skipped.length + page.undated.length === 0 && start < page.totalResults) {
      return `an empty page at start=${start} of ${page.totalResults} results`;
    }
    return undefined;
  };
  const response = await requestWithRetry(
    http,
    { method: "GET", url, headers: { "User-Agent": search.userAgent, Accept: "application/atom+xml" } },
    retryReason,
  );
  if (response.status !== 200) {
    // A rejected query comes back as a feed whose Error entry says why; parsing it throws that.
    if (response.text.includes("<feed")) parseArxivFeed(response.text, source);
    throw new HeadscoutError(`arXiv answered HTTP ${response.status} for ${source}: ${quoteBody(response.text)}`);
  }
  if (!page) throw new HeadscoutError(`arXiv sent no feed for ${source}`);
  return page;
}
