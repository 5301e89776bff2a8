import { Redis } from "ioredis";
import { describeError, HeadscoutError, redactSecrets } from "../../errors.ts";

/** How long start-up waits for Redis before saying it cannot be reached. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A connection to REDIS_URL, checked before the app takes any work: an unreachable Redis is an
 * error at start-up naming the address (without its password), not a queue that silently waits.
 * Once up, the connection reconnects by itself and commands wait for it (BullMQ's requirement).
 */
export async function connectRedis(url: string): Promise<Redis> {
  // One attempt at start-up; once up, ioredis reconnects by itself.
  let connected = false;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: (times) => (connected ? Math.min(times * 200, 5_000) : null) });
  let socketError: unknown;
  // The socket's own reason (ECONNREFUSED, a DNS failure) says more than "Connection is closed";
  // later errors are logged by the queue's listeners (an unhandled 'error' would crash the process).
  redis.on("error", (error) => void (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new HeadscoutError(`cannot reach Redis at ${redactSecrets(url).replace(/\/\/[^@/]*@/, "//")} (REDIS_URL): ${describeError(socketError ?? error).split("\n")[0]}`, { cause: error, causeDescribed: true });
  }
}
