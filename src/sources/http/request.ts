import { HeadscoutError } from "../../errors.ts";
import type { Clock } from "./clock.ts";
import { parseRetryAfter } from "./retry-after.ts";
import type { Throttle } from "./throttle.ts";

export interface RetryPolicy {
  /** Give up once retrying would take the whole request past this long. */
  maxTotalMs: number;
  /** The first backoff; doubled each retry up to `maxDelayMs`, then jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RequestStats {
  requests: number;
  retries: number;
}

/** What one service's requests share: its pacing, retry budget, clock and counters. */
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
  timeoutMs?: number;
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
 * network failures and whatever `retryReason` flags, within the policy's total time.
 * Other statuses are returned for the caller to judge.
 */
export async function requestWithRetry(
  ctx: HttpContext,
  request: HttpRequest,
  retryReason?: (result: HttpResult) => string | undefined,
): Promise<HttpResult> {
  const started = ctx.clock.now();
  const what = `${request.method} ${request.url}`;
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    let askedDelay: number | undefined;
    try {
      const result = await ctx.throttle.run(() => send(ctx, request));
      const flagged = isThrottlingStatus(result.status) ? `HTTP ${result.status}` : retryReason?.(result);
      if (!flagged) return result;
      reason = flagged;
      askedDelay = parseRetryAfter(result.headers.get("retry-after"), ctx.clock.now());
    } catch (error) {
      if (error instanceof HeadscoutError) throw error;
      reason = `network error (${error instanceof Error ? error.message : String(error)})`;
    }
    const delay = backoffDelay(ctx, attempt, askedDelay);
    const elapsed = ctx.clock.now() - started;
    if (elapsed + delay > ctx.retry.maxTotalMs) {
      const asked = askedDelay !== undefined ? `; it asked to wait ${seconds(askedDelay)} s more` : "";
      throw new HeadscoutError(
        `${ctx.service} kept failing (${reason}) for ${what}: gave up after ${attempt + 1} attempt(s) over ${seconds(elapsed)} s` +
          ` (retry limit ${seconds(ctx.retry.maxTotalMs)} s${asked})`,
      );
    }
    ctx.stats.retries++;
    await ctx.clock.sleep(delay);
  }
}

async function send(ctx: HttpContext, request: HttpRequest): Promise<HttpResult> {
  ctx.stats.requests++;
  const response = await ctx.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: ctx.timeoutMs ? AbortSignal.timeout(ctx.timeoutMs) : undefined,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Retry-After when the server gave one (plus a little jitter), else exponential backoff with jitter. */
function backoffDelay(ctx: HttpContext, attempt: number, asked: number | undefined): number {
  if (asked !== undefined) return asked + Math.floor(ctx.random() * 1000);
  const ceiling = Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** attempt);
  return Math.floor(ceiling / 2 + (ctx.random() * ceiling) / 2);
}

/** A response body short enough for an error message. */
export function bodySnippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || "(empty body)";
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}
