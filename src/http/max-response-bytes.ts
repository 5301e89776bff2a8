import { HeadscoutError } from "../errors.ts";

/** A feed page of 2,000 entries is ~5 MB; ten times that is a generous ceiling, not a risk to memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/**
 * The largest response body headscout reads (HEADSCOUT_MAX_RESPONSE_BYTES, in bytes). It comes from
 * the operator's environment only: a repository's config must not be able to lift it.
 */
export function readMaxResponseBytes(env: Record<string, string | undefined>): number {
  const value = env.HEADSCOUT_MAX_RESPONSE_BYTES?.trim();
  if (!value) return DEFAULT_MAX_RESPONSE_BYTES;
  const bytes = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw new HeadscoutError(`HEADSCOUT_MAX_RESPONSE_BYTES=${value} is not a whole number of bytes (default ${DEFAULT_MAX_RESPONSE_BYTES})`);
  }
  return bytes;
}

/** 52428800 → "50 MB"; 1500 → "1500 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
