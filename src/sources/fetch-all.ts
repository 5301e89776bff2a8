import type { HeadRegistry } from "../catalog/registry.ts";
import { describeError } from "../errors.ts";
import { buildArxivQueries, type SearchWindow } from "./arxiv/build-query.ts";
import { searchArxiv, type ArxivSearchResult } from "./arxiv/client.ts";
import type { SourcesConfig } from "./config.ts";
import { DEFAULT_ARXIV_COMBINATIONS, DEFAULT_OPENREVIEW_TERMS, defaultArxivPhrases } from "./defaults.ts";
import { SourceUnavailableError } from "./errors.ts";
import { systemClock, type Clock } from "./http/clock.ts";
import type { HttpContext, RetryPolicy } from "./http/request.ts";
import { sharedThrottle } from "./http/throttle.ts";
import { mergePapers } from "./merge.ts";
import { OpenReviewSession } from "./openreview/auth.ts";
import { searchOpenReview, type OpenReviewSearchResult } from "./openreview/client.ts";
import type { Paper } from "./paper.ts";
import { statusOf, unavailableReport, type SourceReport, type SourcesReport } from "./report.ts";
import type { SourceSettings } from "./settings.ts";

export interface FetchSourcesOptions {
  config: SourcesConfig;
  window: SearchWindow;
  settings: SourceSettings;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  registry?: HeadRegistry;
}

export interface FetchSourcesResult {
  papers: Paper[];
  report: SourcesReport;
}

/** Five minutes of retrying per request is patient; an hour, as naive bots manage, is not. */
export const DEFAULT_RETRY: RetryPolicy = { maxTotalMs: 5 * 60_000, baseDelayMs: 5_000, maxDelayMs: 60_000 };

/**
 * Runs both sources (each at its own pace) and merges what they found. A source that fails or is
 * unavailable is reported as such; it never hides the other source's papers.
 */
export async function fetchAllSources(options: FetchSourcesOptions): Promise<FetchSourcesResult> {
  const [arxiv, openreview] = await Promise.all([runArxiv(options), runOpenReview(options)]);
  const { papers, merged } = mergePapers([...arxiv.papers, ...openreview.papers]);
  return {
    papers,
    report: {
      window: { from: options.window.from.toISOString(), to: options.window.to.toISOString() },
      sources: { arxiv: arxiv.report, openreview: openreview.report },
      papers: papers.length,
      merged,
    },
  };
}

interface SourceRun {
  papers: Paper[];
  report: SourceReport;
}

function httpContext(options: FetchSourcesOptions, service: string, baseUrl: string, intervalMs: number): HttpContext {
  const clock = options.clock ?? systemClock;
  return {
    service,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
    random: options.random ?? Math.random,
    throttle: sharedThrottle(new URL(baseUrl).host, intervalMs, clock),
    retry: options.retry ?? DEFAULT_RETRY,
    stats: { requests: 0, retries: 0 },
    timeoutMs: 120_000,
  };
}

async function runArxiv(options: FetchSourcesOptions): Promise<SourceRun> {
  const config = options.config.arxiv;
  if (!config.enabled) return { papers: [], report: unavailableReport("turned off by sources.arxiv.enabled") };
  const http = httpContext(options, "arXiv", options.settings.arxivApiUrl, options.settings.arxivIntervalMs);
  const result: ArxivSearchResult = { papers: [], pages: 0, notes: [] };
  let queries: string[] = [];
  let failure: unknown;
  try {
    queries = buildArxivQueries({
      phrases: config.phrases ?? defaultArxivPhrases(options.registry),
      combinations: config.combinations ?? DEFAULT_ARXIV_COMBINATIONS,
      categories: config.categories,
      window: options.window,
    });
    await searchArxiv(
      {
        baseUrl: options.settings.arxivApiUrl,
        queries,
        window: options.window,
        pageSize: config.pageSize,
        maxResults: config.maxResults,
        userAgent: options.settings.userAgent,
      },
      http,
      result,
    );
  } catch (error) {
    failure = error;
  }
  // The same paper often matches several queries; the report counts it once.
  const { papers } = mergePapers(result.papers);
  return {
    papers,
    report: {
      ...outcome(failure, papers.length),
      requests: http.stats.requests,
      retries: http.stats.retries,
      pages: result.pages,
      papers: papers.length,
      queries: queries.length,
      notes: result.notes,
    },
  };
}

async function runOpenReview(options: FetchSourcesOptions): Promise<SourceRun> {
  const config = options.config.openreview;
  if (!config.enabled) return { papers: [], report: unavailableReport("turned off by sources.openreview.enabled") };
  const terms = config.terms ?? [...DEFAULT_OPENREVIEW_TERMS];
  if (terms.length === 0 && config.venues.length === 0) {
    return { papers: [], report: unavailableReport("nothing to search: sources.openreview.terms and venues are both empty") };
  }
  const settings = options.settings;
  if (!settings.openreviewCredentials) {
    return { papers: [], report: unavailableReport("no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD") };
  }
  const http = httpContext(options, "OpenReview", settings.openreviewApiUrl, settings.openreviewIntervalMs);
  const session = new OpenReviewSession(settings.openreviewApiUrl, settings.openreviewCredentials, http, settings.userAgent);
  const result: OpenReviewSearchResult = { papers: [], pages: 0, notes: [] };
  let failure: unknown;
  try {
    await searchOpenReview(
      {
        baseUrl: settings.openreviewApiUrl,
        terms,
        venues: config.venues,
        window: options.window,
        pageSize: config.pageSize,
        maxResults: config.maxResults,
        userAgent: settings.userAgent,
      },
      session,
      http,
      result,
    );
  } catch (error) {
    failure = error;
  }
  const { papers } = mergePapers(result.papers);
  return {
    papers,
    report: {
      ...outcome(failure, papers.length),
      requests: http.stats.requests,
      retries: http.stats.retries,
      pages: result.pages,
      papers: papers.length,
      notes: result.notes,
    },
  };
}

function outcome(failure: unknown, papers: number): Pick<SourceReport, "status" | "reason"> {
  if (failure === undefined) return { status: statusOf(papers) };
  const reason = describeError(failure);
  return { status: failure instanceof SourceUnavailableError ? "unavailable" : "failed", reason };
}
