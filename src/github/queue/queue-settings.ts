import { HeadscoutError, redactSecrets } from "../../errors.ts";

/** How scans are queued: in this process, or (REDIS_URL) on Redis, shared by replicas. */
export interface QueueSettings {
  redisUrl?: string;
  /** Keys and queues live under this prefix, so that deployments can share one Redis. */
  prefix: string;
  /** Scans one replica runs at once (different repositories; a repository scans one at a time). */
  concurrency: number;
  /** How long a running scan's lock holds without its replica renewing it: a killed replica's scan is retried after this. */
  lockMs: number;
  /** How often a replica looks for scans whose replica was lost. */
  stalledCheckMs: number;
}

/**
 * Reads REDIS_URL, HEADSCOUT_REDIS_PREFIX, HEADSCOUT_QUEUE_CONCURRENCY, HEADSCOUT_QUEUE_LOCK_MS and
 * HEADSCOUT_QUEUE_STALLED_CHECK_MS; a bad value is an error naming the variable.
 */
export function readQueueSettings(env: Record<string, string | undefined>): QueueSettings {
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl && !(URL.canParse(redisUrl) && /^rediss?:$/.test(new URL(redisUrl).protocol))) {
    throw new HeadscoutError(`REDIS_URL=${redactSecrets(redisUrl)} is not a redis:// or rediss:// URL`);
  }
  const prefix = env.HEADSCOUT_REDIS_PREFIX?.trim() || "headscout";
  if (!/^[\w.-]{1,64}$/.test(prefix)) throw new HeadscoutError(`HEADSCOUT_REDIS_PREFIX=${prefix.slice(0, 70)} may only hold letters, digits, '_', '.' and '-' (at most 64)`);
  return {
    ...(redisUrl ? { redisUrl } : {}),
    prefix,
    concurrency: readWhole(env, "HEADSCOUT_QUEUE_CONCURRENCY", 2, 1, 64),
    lockMs: readWhole(env, "HEADSCOUT_QUEUE_LOCK_MS", 60_000, 500, 3600_000),
    stalledCheckMs: readWhole(env, "HEADSCOUT_QUEUE_STALLED_CHECK_MS", 30_000, 100, 3600_000),
  };
}

function readWhole(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new HeadscoutError(`${name}=${value.slice(0, 20)} is not a whole number from ${min} to ${max}`);
  return n;
}
