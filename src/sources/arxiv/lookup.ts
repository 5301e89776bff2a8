import { HeadscoutError } from "../../errors.ts";
import { describeRequest } from "../../http/describe-request.ts";
import { quoteBody } from "../../http/quote-body.ts";
import { parseArxivId } from "../../paper/ids.ts";
import type { Clock } from "../http/clock.ts";
import { requestWithRetry, type HttpContext, type RetryPolicy } from "../http/request.ts";
import { createServiceContext } from "../http/service-context.ts";
import type { Paper } from "../paper.ts";
import type { SourceSettings } from "../settings.ts";
import { parseArxivFeed } from "./parse-atom.ts";

// Looking single papers up (by id, by title), as opposed to searching a window: what a submitted
// issue form or an `add` command needs. Same endpoint, same throttle (shared with every scan of the
// process), same retries.

export interface ArxivLookup {
  /** The export API endpoint (`…/api/query`). */
  baseUrl: string;
  userAgent: string;
  http: HttpContext;
}

export interface ArxivLookupOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
}

/**
 * A service's HTTP context for lookups: the settings' response cap, the shared per-host throttle
 * (so lookups and every scan of the process keep one pace), `fetchAllSources`' retry budget and
 * attempt timeout unless told otherwise.
 */
export function lookupHttpContext(service: string, baseUrl: string, intervalMs: number, settings: SourceSettings, options: ArxivLookupOptions = {}): HttpContext {
  return createServiceContext(service, baseUrl, intervalMs, settings, options);
}

/** An arXiv lookup with the settings' endpoint and politeness. */
export function createArxivLookup(settings: SourceSettings, options: ArxivLookupOptions = {}): ArxivLookup {
  return {
    baseUrl: settings.arxivApiUrl,
    userAgent: settings.userAgent,
    http: lookupHttpContext("arXiv", settings.arxivApiUrl, settings.arxivIntervalMs, settings, options),
  };
}

/** The most ids asked for in one request (arXiv's own page limit is far higher; a submission names a few). */
export const MAX_IDS_PER_LOOKUP = 20;

/**
 * The papers with these arXiv ids (any version, any URL form; the latest version is returned), in
 * the order asked. An id arXiv does not know is simply absent. Throws when arXiv cannot be read.
 */
export async function fetchArxivByIds(lookup: ArxivLookup, ids: readonly string[]): Promise<Paper[]> {
  const wanted = [...new Set(ids.map((id) => parseArxivId(id)).filter((id): id is string => id !== undefined))].slice(0, MAX_IDS_PER_LOOKUP);
  if (wanted.length === 0) return [];
  const papers = await getFeed(lookup, { search_query: "", id_list: wanted.join(","), start: "0", max_results: String(wanted.length) });
  const byId = new Map(papers.map((p) => [p.ids.arxiv, p]));
  return wanted.map((id) => byId.get(id)).filter((p): p is Paper => p !== undefined);
}

/** The `search_query` that finds a title as a phrase: `ti:"…"` over its words (punctuation and LaTeX dropped). */
export function titleSearchQuery(title: string): string | undefined {
  const words = title
    .normalize("NFKC")
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return words ? `ti:"${words}"` : undefined;
}

export interface TitleSearch {
  /** What was sent as `search_query`. */
  query: string;
  /** arXiv's best matches, most relevant first: not necessarily that title (the caller compares). */
  papers: Paper[];
}

/** arXiv's papers whose title holds this title's words as a phrase, most relevant first. Throws when arXiv cannot be read. */
export async function searchArxivByTitle(lookup: ArxivLookup, title: string, maxResults = 10): Promise<TitleSearch> {
  const query = titleSearchQuery(title);
  if (!query) throw new HeadscoutError(`the title ${JSON.stringify(title)} has no words to search arXiv for`);
  const papers = await getFeed(lookup, { search_query: query, start: "0", max_results: String(maxResults), sortBy: "relevance", sortOrder: "descending" });
  return { query, papers };
}

async function getFeed(lookup: ArxivLookup, params: Record<string, string>): Promise<Paper[]> {
  const url = `${lookup.baseUrl}?${new URLSearchParams(params).toString()}`;
  const source = describeRequest("GET", url);
  const response = await requestWithRetry(lookup.http, {
    method: "GET",
    url,
    headers: { "User-Agent": lookup.userAgent, Accept: "application/atom+xml" },
  });
  // A rejected query comes back as a feed whose Error entry says why; parsing it throws that.
  if (response.status !== 200 && response.text.includes("<feed")) parseArxivFeed(response.text, source);
  if (response.status !== 200) throw new HeadscoutError(`arXiv answered HTTP ${response.status} for ${source}: ${quoteBody(response.text)}`);
  return parseArxivFeed(response.text, source).papers;
}
