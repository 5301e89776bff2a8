import { HeadscoutError, redactSecrets } from "../errors.ts";
import type { Clock } from "./http/clock.ts";
import type { Throttle } from "./http/throttle.ts";
import { readMaxResponseBytes } from "../http/max-response-bytes.ts";
import { ARXIV_API_URL } from "./arxiv/client.ts";
import type { OpenReviewCredentials } from "./openreview/auth.ts";
import { OPENREVIEW_API_URL } from "./openreview/client.ts";

/** arXiv's terms of use: no more than one request every three seconds. */
export const ARXIV_MIN_INTERVAL_MS = 3000;

/** Where and how the sources connect: everything that comes from the environment, not the config file. */
export interface SourceSettings {
  arxivApiUrl: string;
  arxivIntervalMs: number;
  openreviewApiUrl: string;
  openreviewIntervalMs: number;
  openreviewCredentials?: OpenReviewCredentials;
  userAgent: string;
  /** The largest response body read (HEADSCOUT_MAX_RESPONSE_BYTES); larger ones fail the request. */
  maxResponseBytes: number;
  /** Each service's pace, when it is shared beyond this process (replicas on Redis); per process otherwise. */
  pace?: PaceProvider;
}

/** The throttle for a service's host at its interval. */
export type PaceProvider = (host: string, intervalMs: number, clock: Clock) => Throttle;

export const DEFAULT_USER_AGENT = "headscout/0.1 (+https://github.com/headscout/headscout)";

/**
 * Reads ARXIV_API_URL, ARXIV_INTERVAL_MS, OPENREVIEW_API_URL, OPENREVIEW_USERNAME,
 * OPENREVIEW_PASSWORD, HEADSCOUT_USER_AGENT and HEADSCOUT_MAX_RESPONSE_BYTES. The arXiv interval may only go below 3 s for a
 * mirror or a test server, never for arxiv.org.
 */
export function readSourceSettings(env: Record<string, string | undefined>): SourceSettings {
  const arxivApiUrl = readUrl(env, "ARXIV_API_URL") ?? ARXIV_API_URL;
  const openreviewApiUrl = (readUrl(env, "OPENREVIEW_API_URL") ?? OPENREVIEW_API_URL).replace(/\/+$/, "");
  const arxivIntervalMs = readInterval(env.ARXIV_INTERVAL_MS) ?? ARXIV_MIN_INTERVAL_MS;
  if (arxivIntervalMs < ARXIV_MIN_INTERVAL_MS && isArxivHost(arxivApiUrl)) {
    throw new HeadscoutError(
      `ARXIV_INTERVAL_MS=${arxivIntervalMs} is below arXiv's limit of one request every 3 s; a shorter interval is only allowed when ARXIV_API_URL points at a mirror (it is ${redactSecrets(arxivApiUrl)})`,
    );
  }
  const username = env.OPENREVIEW_USERNAME?.trim();
  const password = env.OPENREVIEW_PASSWORD;
  const settings: SourceSettings = {
    arxivApiUrl,
    arxivIntervalMs,
    openreviewApiUrl,
    openreviewIntervalMs: 1000,
    userAgent: env.HEADSCOUT_USER_AGENT?.trim() || DEFAULT_USER_AGENT,
    maxResponseBytes: readMaxResponseBytes(env),
  };
  if (username && password) settings.openreviewCredentials = { username, password };
  return settings;
}

export function isArxivHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === "arxiv.org" || host.endsWith(".arxiv.org");
}

function readUrl(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!URL.canParse(value) || !/^https?:/.test(value)) throw new HeadscoutError(`${name}=${redactSecrets(value)} is not an http(s) URL`);
  const url = new URL(value);
  // fetch refuses such URLs, and the password would end up in every error message.
  if (url.username || url.password) throw new HeadscoutError(`${name}=${redactSecrets(value)} holds a user name or password; headscout cannot send credentials in a URL`);
  return value;
}

function readInterval(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new HeadscoutError(`ARXIV_INTERVAL_MS=${value} is not a number of milliseconds`);
  return ms;
}
