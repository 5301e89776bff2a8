import type { Redis } from "ioredis";
import type { Clock } from "./clock.ts";
import type { Throttle } from "./throttle.ts";

// Reserves the next start on Redis's own clock (replicas' clocks may differ): the later of now and
// the last reserved start plus the interval. Returns how long the caller waits for it.
const RESERVE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], start, 'PX', tonumber(ARGV[1]) + 60000)
return start - now`;

/**
 * A service's pace shared by every replica through Redis: each request reserves its own start,
 * at least `intervalMs` after the previous one anywhere, so two replicas never double arXiv's
 * request rate. The wait itself happens on the injected clock.
 */
export function createRedisThrottle(redis: Redis, key: string, intervalMs: number, clock: Clock): Throttle {
  return {
    async run<T>(task: () => Promise<T>, onWait?: (ms: number) => void): Promise<T> {
      const wait = Number(await redis.eval(RESERVE, 1, key, intervalMs));
      if (wait > 0) {
        onWait?.(wait);
        await clock.sleep(wait);
      }
      return task();
    },
  };
}
