import type { HeadRegistry } from "../catalog/registry.ts";
import { describeError, redactSecrets } from "../errors.ts";
import type { ProgressSink, SourceEvent } from "../scan/progress-events.ts";
import { buildArxivQueries, type SearchWindow } from "./arxiv/build-query.ts";
import { searchArxiv } from "./arxiv/client.ts";
import type { SourcesConfig } from "./config.ts";
import { DEFAULT_ARXIV_COMBINATIONS, DEFAULT_OPENREVIEW_TERMS, defaultArxivPhrases } from "./defaults.ts";
import { SourceUnavailableError } from "./errors.ts";
import type { Clock } from "./http/clock.ts";
import { createServiceContext } from "./http/service-context.ts";
import type { HttpContext, RetryPolicy } from "./http/request.ts";
import { mergePapers } from "./merge.ts";
import { OpenReviewSession } from "./openreview/auth.ts";
import { searchOpenReview } from "./openreview/client.ts";
import type { Paper } from "./paper.ts";
import { statusOf, unavailableReport, type SearchProgress, type SourceName, type SourceReport, type SourcesReport } from "./report.ts";
import type { SourceSettings } from "./settings.ts";

export { ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY } from "./http/service-context.ts";

export interface FetchSourcesOptions {
  config: SourcesConfig;
  window: SearchWindow;
  settings: SourceSettings;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  registry?: HeadRegistry;
  /** Told of each source's requests, waits and pages, and how it ended (the CLI's progress display). */
  onProgress?: ProgressSink;
}

export interface FetchSourcesResult {
  papers: Paper[];
  report: SourcesReport;
}


/**
 * Runs both sources (each at its own pace) and merges what they found. A source that fails or is
 * unavailable is reported as such; it never hides the other source's papers.
 */
export async function fetchAllSources(options: FetchSourcesOptions): Promise<FetchSourcesResult> {
  const [arxiv, openreview] = await Promise.all([reported("arxiv", options, runArxiv), reported("openreview", options, runOpenReview)]);
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

type SourceProgress = ((event: SourceEvent) => void) | undefined;

/** Runs one source, telling `onProgress` (when given) of its requests and pages as they happen, and how it ended. */
async function reported(
  source: SourceName,
  options: FetchSourcesOptions,
  run: (options: FetchSourcesOptions, progress: SourceProgress) => Promise<SourceRun>,
): Promise<SourceRun> {
  const sink = options.onProgress;
  const progress: SourceProgress = sink && ((event) => sink({ source, ...event }));
  const result = await run(options, progress);
  const { status, papers, reason } = result.report;
  progress?.({ kind: "source-finished", status, papers, ...(reason !== undefined ? { reason } : {}) });
  return result;
}

function httpContext(options: FetchSourcesOptions, service: string, baseUrl: string, intervalMs: number, progress: SourceProgress): HttpContext {
  const http = createServiceContext(service, baseUrl, intervalMs, options.settings, options);
  return progress ? { ...http, progress } : http;
}

/** The arXiv search queries a config sends for a window (also shown in a pull request's provenance). */
export function arxivQueriesFor(config: SourcesConfig["arxiv"], window: SearchWindow, registry?: HeadRegistry): string[] {
  return buildArxivQueries({
    phrases: config.phrases ?? defaultArxivPhrases(registry),
    combinations: config.combinations ?? DEFAULT_ARXIV_COMBINATIONS,
    categories: config.categories,
    window,
  });
}

async function runArxiv(options: FetchSourcesOptions, progress: SourceProgress): Promise<SourceRun> {
  const config = options.config.arxiv;
  if (!config.enabled) return { papers: [], report: unavailableReport("turned off by sources.arxiv.enabled") };
  const settings = options.settings;
  const http = httpContext(options, "arXiv", settings.arxivApiUrl, settings.arxivIntervalMs, progress);
  let queries: string[] = [];
  const run = await runSearch(http, [], async (found) => {
    queries = arxivQueriesFor(config, options.window, options.registry);
    progress?.({ kind: "source-started", queries: queries.length });
    const { pageSize, maxResults } = config;
    const search = { baseUrl: settings.arxivApiUrl, queries, window: options.window, pageSize, maxResults, userAgent: settings.userAgent };
    await searchArxiv(search, http, found);
  });
  run.report.queries = queries.length;
  return run;
}

async function runOpenReview(options: FetchSourcesOptions, progress: SourceProgress): Promise<SourceRun> {
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
  const http = httpContext(options, "OpenReview", settings.openreviewApiUrl, settings.openreviewIntervalMs, progress);
  const session = new OpenReviewSession(settings.openreviewApiUrl, settings.openreviewCredentials, http, settings.userAgent);
  const { password } = settings.openreviewCredentials;
  return runSearch(http, [password, () => session.lastToken], async (found) => {
    const { venues, pageSize, maxResults } = config;
    progress?.({ kind: "source-started", queries: terms.length + venues.length });
    const search = { baseUrl: settings.openreviewApiUrl, terms, venues, window: options.window, pageSize, maxResults, userAgent: settings.userAgent };
    await searchOpenReview(search, session, http, found);
  });
}

/**
 * Runs one source's search and reports it; a failure becomes the report's status, never an
 * exception. `secrets` (a password, the session's token) never appear in the report.
 */
async function runSearch(
  http: HttpContext,
  secrets: (string | (() => string | undefined))[],
  search: (progress: SearchProgress) => Promise<void>,
): Promise<SourceRun> {
  const progress: SearchProgress = { papers: [], pages: 0, notes: [] };
  let failure: unknown;
  try {
    await search(progress);
  } catch (error) {
    failure = error;
  }
  // The same paper often matches several queries (or terms); the report counts it once.
  const { papers } = mergePapers(progress.papers);
  const secretValues = secrets.map((secret) => (typeof secret === "function" ? secret() : secret));
  return {
    papers,
    report: {
      ...outcome(failure, papers.length, secretValues),
      requests: http.stats.requests,
      retries: http.stats.retries,
      pages: progress.pages,
      papers: papers.length,
      notes: progress.notes,
    },
  };
}

function outcome(failure: unknown, papers: number, secrets: (string | undefined)[]): Pick<SourceReport, "status" | "reason"> {
  if (failure === undefined) return { status: statusOf(papers) };
  const reason = redactSecrets(describeError(failure), secrets);
  return { status: failure instanceof SourceUnavailableError ? "unavailable" : "failed", reason };
}
