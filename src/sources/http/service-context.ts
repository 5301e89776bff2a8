import type { SourceSettings } from "../settings.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { HttpContext, RetryPolicy } from "./request.ts";
import { sharedThrottle } from "./throttle.ts";

/**
 * Five minutes per request, retries, waits and timeouts included, is patient; an hour, as naive
 * bots manage, is not. It is also the longest a hanging source holds a run.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxTotalMs: 5 * 60_000, baseDelayMs: 5_000, maxDelayMs: 60_000 };

/** One attempt's longest wait for an answer; a 2,000-entry arXiv page takes arXiv ~30 s at worst. */
export const ATTEMPT_TIMEOUT_MS = 120_000;

/**
 * What one service's requests share in this process: its pace (one throttle per host, so scans
 * and lookups keep one pace; across replicas when the settings carry a shared one), the retry
 * budget, the attempt timeout and the body cap.
 */
export function createServiceContext(
  service: string,
  baseUrl: string,
  intervalMs: number,
  settings: Pick<SourceSettings, "maxResponseBytes" | "pace">,
  options: { fetch?: typeof fetch; clock?: Clock; random?: () => number; retry?: RetryPolicy } = {},
): HttpContext {
  const clock = options.clock ?? systemClock;
  return {
    service,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
    random: options.random ?? Math.random,
    throttle: (settings.pace ?? sharedThrottle)(new URL(baseUrl).host, intervalMs, clock),
    retry: options.retry ?? DEFAULT_RETRY,
    stats: { requests: 0, retries: 0 },
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    maxResponseBytes: settings.maxResponseBytes,
  };
}
