import { HeadscoutError } from "../../errors.ts";
import { describeFetchFailure, formatSeconds } from "../../http/describe-fetch-failure.ts";
import { describeRequest } from "../../http/describe-request.ts";
import { readBodyCapped } from "../../http/read-body-capped.ts";
import type { RequestEvent } from "../../scan/progress-events.ts";
import type { Clock } from "./clock.ts";
import { parseRetryAfter } from "./retry-after.ts";
import type { Throttle } from "./throttle.ts";

export interface RetryPolicy {
  /**
   * The most one request may take, every attempt, wait and timeout included: a source that hangs
   * holds a run this long at most.
   */
  maxTotalMs: number;
  /** The first backoff; doubled each retry up to `maxDelayMs`, then jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RequestStats {
  requests: number;
  retries: number;
}

/** What one service's requests share: its pacing, retry budget, clock, limits and counters. */
export interface HttpContext {
  /** The service's name as users know it ("arXiv"), used in every error. */
  service: string;
  fetch: typeof fetch;
  clock: Clock;
  /** In [0, 1); injected so backoff jitter is reproducible in tests. */
  random: () => number;
  throttle: Throttle;
  retry: RetryPolicy;
  stats: RequestStats;
  /** One attempt's longest wait for an answer (cut shorter when the request's budget runs out first). */
  timeoutMs?: number;
  /** The largest response body read (HEADSCOUT_MAX_RESPONSE_BYTES); a larger one fails the request. */
  maxResponseBytes: number;
  /**
   * Told of each request, spacing wait, retry and (by the search clients) page as it happens: the
   * CLI's progress display. None in the app.
   */
  progress?: (event: RequestEvent) => void;
}

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

// 406 joined 429 in September 2026: arXiv's edge now answers bursts with it.
const THROTTLING = new Set([406, 429]);

export function isThrottlingStatus(status: number): boolean {
  return THROTTLING.has(status) || status >= 500;
}

/**
 * Sends a request through the service's throttle, retrying throttling answers (406, 429, 5xx),
 * network failures and whatever `retryReason` flags. Everything (throttle waits, attempts, their
 * timeouts, backoff) fits in the policy's `maxTotalMs`. Other statuses are returned for the
 * caller to judge.
 */
export async function requestWithRetry(
  ctx: HttpContext,
  request: HttpRequest,
  retryReason?: (result: HttpResult) => string | undefined,
): Promise<HttpResult> {
  const started = ctx.clock.now();
  const deadline = started + ctx.retry.maxTotalMs;
  const what = describeRequest(request.method, request.url);
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    let askedDelay: number | undefined;
    let timeoutMs: number | undefined;
    try {
      const result = await ctx.throttle.run(
        () => {
          // Measured after the throttle's wait: the attempt gets what is left of the budget at most.
          timeoutMs = Math.max(1, Math.min(ctx.timeoutMs ?? Infinity, deadline - ctx.clock.now()));
          return send(ctx, request, what, timeoutMs);
        },
        ctx.progress && ((ms) => ctx.progress?.({ kind: "spacing-wait", ms })),
      );
      const flagged = isThrottlingStatus(result.status) ? `HTTP ${result.status}` : retryReason?.(result);
      if (!flagged) return result;
      reason = flagged;
      askedDelay = parseRetryAfter(result.headers.get("retry-after"), ctx.clock.now());
    } catch (error) {
      if (error instanceof HeadscoutError) throw error;
      reason = describeFetchFailure(error, timeoutMs);
    }
    const delay = backoffDelay(ctx, attempt, askedDelay);
    const elapsed = ctx.clock.now() - started;
    if (elapsed + delay >= ctx.retry.maxTotalMs) {
      const asked = askedDelay !== undefined ? `; it asked to wait ${formatSeconds(askedDelay)} s more` : "";
      throw new HeadscoutError(
        `${ctx.service} kept failing (${reason}) for ${what}: gave up after ${attempt + 1} attempt(s) over ${formatSeconds(elapsed)} s` +
          ` (limit ${formatSeconds(ctx.retry.maxTotalMs)} s per request${asked})`,
      );
    }
    ctx.stats.retries++;
    ctx.progress?.({ kind: "retry-wait", ms: delay, reason });
    await ctx.clock.sleep(delay);
  }
}

async function send(ctx: HttpContext, request: HttpRequest, what: string, timeoutMs: number): Promise<HttpResult> {
  ctx.stats.requests++;
  ctx.progress?.({ kind: "request-started" });
  let status: number | undefined;
  try {
    const signal = Number.isFinite(timeoutMs) ? ctx.clock.timeout(timeoutMs) : undefined;
    const response = await ctx.fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    const text = await readBodyCapped(response, ctx.maxResponseBytes, `${ctx.service}'s answer to ${what}`);
    status = response.status;
    return { status, headers: response.headers, text };
  } finally {
    ctx.progress?.({ kind: "request-finished", status });
  }
}

/** Retry-After when the server gave one (plus a little jitter), else exponential backoff with jitter. */
function backoffDelay(ctx: HttpContext, attempt: number, asked: number | undefined): number {
  if (asked !== undefined) return asked + Math.floor(ctx.random() * 1000);
  const ceiling = Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** attempt);
  return Math.floor(ceiling / 2 + (ctx.random() * ceiling) / 2);
}
