import type { Redis } from "ioredis";
import type { CachedRange, PaperCacheStore } from "./shared-paper-cache.ts";

// Deletes a key only while it still holds this process's mark (a lapsed claim may be another's now).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// All or nothing, atomically: two replicas claiming overlapping days never split a run of days
// between them (which would turn one request per query into several).
const CLAIM = `
local held = {}
for _, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner and owner ~= ARGV[1] then table.insert(held, key) end
end
if #held == 0 then
  for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
end
return held`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * The shared paper cache in Redis, for replicas: a range of days is kept once (as JSON) and each
 * day points at it; a replica fetching days marks them, so another waits instead of asking arXiv
 * the same queries. Keys live under `<prefix>:papers:` and expire on their own. (One Redis, not a
 * cluster: a claim's keys are taken in one script.)
 */
export function createRedisPaperStore(redis: Redis, prefix: string, owner: string): PaperCacheStore {
  const day = (key: string) => `${prefix}:papers:day:${key}`;
  const range = (id: string) => `${prefix}:papers:range:${id}`;
  const fetching = (key: string) => `${prefix}:papers:fetching:${key}`;
  return {
    async read(key) {
      const id = await redis.get(day(key));
      const json = id ? await redis.get(range(id)) : null;
      return json ? (JSON.parse(json) as CachedRange) : undefined;
    },
    async write(keys, cached, ttlMs) {
      const write = redis.multi().set(range(cached.id), JSON.stringify(cached), "PX", ttlMs);
      for (const key of keys) write.set(day(key), cached.id, "PX", ttlMs);
      await write.exec();
    },
    async claim(keys, ttlMs) {
      const held = (await redis.eval(CLAIM, keys.length, ...keys.map(fetching), owner, ttlMs)) as string[];
      const prefixLength = fetching("").length;
      return held.map((key) => key.slice(prefixLength));
    },
    async renew(keys, ttlMs) {
      for (const key of keys) await redis.eval(RENEW, 1, fetching(key), owner, ttlMs);
    },
    async release(keys) {
      for (const key of keys) await redis.eval(RELEASE, 1, fetching(key), owner);
    },
  };
}
