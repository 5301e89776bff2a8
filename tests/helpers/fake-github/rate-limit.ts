import { errorBody } from "./errors.ts";
import type { Reply } from "./context.ts";

/**
 * A planned failure: the next `times` requests matching method and route fail this way.
 * - "server-error": a 5xx (Octokit's retry plugin retries it)
 * - "secondary-rate-limit": 403 with `retry-after` and GitHub's "secondary rate limit" message
 *   (the throttling plugin waits retry-after seconds; note it treats 0 as "absent" and waits its
 *   60-second fallback, so a test wanting no wait sets `throttle.retryAfterBaseValue` small)
 * - "rate-limit": 403 with x-ratelimit-remaining 0 and a reset `retryAfter` seconds ahead
 */
export interface Fault {
  method?: string;
  /** A route template ("/repos/{owner}/{repo}/pulls") or a regex over the path after /api/v3. */
  route?: string | RegExp;
  times?: number;
  kind: "server-error" | "secondary-rate-limit" | "rate-limit";
  /** For "server-error": 500 (default), 502, 503… */
  status?: number;
  /** Seconds; default 1. */
  retryAfter?: number;
}

export class Faults {
  readonly #planned: (Fault & { left: number })[] = [];

  add(fault: Fault): void {
    this.#planned.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.#planned.length = 0;
  }

  /** The fault this request meets, counting it down. */
  take(method: string, template: string, path: string): Fault | undefined {
    const hit = this.#planned.find(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.route || (typeof f.route === "string" ? f.route === template : f.route.test(path))),
    );
    if (hit) hit.left--;
    return hit;
  }
}

const SECONDARY =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID";

export function faultReply(fault: Fault, requestId: string, nowSeconds: number, who: string): Reply {
  const retryAfter = fault.retryAfter ?? 1;
  if (fault.kind === "server-error") {
    const status = fault.status ?? 500;
    return { status, json: { message: status === 500 ? "Server Error" : "Service Unavailable" } };
  }
  if (fault.kind === "secondary-rate-limit") {
    const docs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    return { status: 403, headers: { "retry-after": String(retryAfter) }, json: errorBody(403, `${SECONDARY} ${requestId}.`, docs) };
  }
  const docs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit";
  return {
    status: 403,
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(nowSeconds + retryAfter) },
    json: errorBody(403, `API rate limit exceeded for ${who}.`, docs),
  };
}

/** The x-ratelimit-* headers GitHub sends on every response, counted per credential. */
export class RateLimits {
  readonly #used = new Map<string, number>();
  readonly #reset = new Map<string, number>();

  headers(key: string, nowSeconds: number, limit = 5000): Record<string, string> {
    const used = (this.#used.get(key) ?? 0) + 1;
    this.#used.set(key, used);
    if (!this.#reset.has(key)) this.#reset.set(key, nowSeconds + 3600);
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(Math.max(0, limit - used)),
      "x-ratelimit-reset": String(this.#reset.get(key)),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": "core",
    };
  }
}
