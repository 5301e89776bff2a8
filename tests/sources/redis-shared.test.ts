import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourcesConfigSchema } from "../../src/sources/config.ts";
import type { FetchSourcesResult } from "../../src/sources/fetch-all.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { createRedisThrottle } from "../../src/sources/http/redis-throttle.ts";
import { createRedisPaperStore } from "../../src/sources/redis-paper-store.ts";
import { SharedPaperCache } from "../../src/sources/shared-paper-cache.ts";
import { REDIS_MISSING, redisAvailable, startTestRedis, type TestRedis } from "../helpers/redis.ts";

const config = sourcesConfigSchema.parse({});
const window = { from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-12T00:00:00Z") };
const now = () => Date.parse("2026-11-20T12:00:00Z");

/** The sources as one replica runs them: each call is a search of arXiv (counted), answering after `delayMs`. */
function fakeSources(calls: string[], name: string, delayMs = 0) {
  return async (_: unknown, w: { from: Date; to: Date }): Promise<FetchSourcesResult> => {
    calls.push(`${name} ${w.from.toISOString().slice(0, 10)}..${w.to.toISOString().slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const arxiv = { status: "ok" as const, requests: 1, retries: 0, pages: 1, papers: 1, notes: [] };
    const paper = { ids: { arxiv: "2611.00001" }, title: "Induction heads, again", abstract: "", authors: [], published: "2026-11-10T10:00:00Z", categories: [], links: {}, sources: ["arxiv" as const] };
    return { papers: [paper], report: { window: { from: w.from.toISOString(), to: w.to.toISOString() }, sources: { arxiv, openreview: { ...arxiv, status: "unavailable", papers: 0 } }, papers: 1, merged: 0 } };
  };
}

describe.skipIf(!redisAvailable())(`replicas sharing one Redis (${redisAvailable() ? "on a real redis-server" : REDIS_MISSING})`, () => {
  let redis: TestRedis;
  beforeAll(async () => void (redis = await startTestRedis()));
  afterAll(async () => redis?.stop());

  it("arXiv's spacing holds across replicas: each request waits for the previous one, whichever replica sent it", async () => {
    const key = `${redis.prefix()}:pace:arxiv`;
    const [clockA, clockB] = [createManualClock(), createManualClock()];
    const a = createRedisThrottle(redis.connect(), key, 60_000, clockA);
    const b = createRedisThrottle(redis.connect(), key, 60_000, clockB);
    const order: string[] = [];
    await a.run(async () => void order.push("a1"));
    await b.run(async () => void order.push("b1"));
    await a.run(async () => void order.push("a2"));
    // Replica B's first request waits a whole interval after A's; A's second, two (B's slot lies between).
    expect(order).toEqual(["a1", "b1", "a2"]);
    expect(clockB.slept).toHaveLength(1);
    expect(clockB.slept[0]).toBeGreaterThan(59_000);
    expect(clockA.slept).toHaveLength(1);
    expect(clockA.slept[0]).toBeGreaterThan(119_000);
  });

  it("a replica finds the days another replica fetched, and arXiv is asked once", async () => {
    const prefix = redis.prefix();
    const calls: string[] = [];
    const replicaA = new SharedPaperCache({ fetchWindow: fakeSources(calls, "a"), now, store: createRedisPaperStore(redis.connect(), prefix, "a") });
    const replicaB = new SharedPaperCache({ fetchWindow: fakeSources(calls, "b"), now, store: createRedisPaperStore(redis.connect(), prefix, "b") });
    const first = await replicaA.find(config, window);
    const second = await replicaB.find(config, window);
    expect(calls).toEqual(["a 2026-11-10..2026-11-12"]);
    expect(second.papers).toEqual(first.papers);
    expect(second.report.sources.arxiv).toMatchObject({ status: "ok", requests: 1, pages: 1 });
  });

  it("two replicas searching the same days at once: one fetches, the other waits for it", async () => {
    const prefix = redis.prefix();
    const calls: string[] = [];
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    const replicaA = new SharedPaperCache({ fetchWindow: fakeSources(calls, "a", 100), now, wait, store: createRedisPaperStore(redis.connect(), prefix, "a") });
    const replicaB = new SharedPaperCache({ fetchWindow: fakeSources(calls, "b", 100), now, wait, store: createRedisPaperStore(redis.connect(), prefix, "b") });
    const [a, b] = await Promise.all([replicaA.find(config, window), replicaB.find(config, window)]);
    expect(calls).toHaveLength(1);
    expect(a.papers).toEqual(b.papers);
  });

  it("a replica that died while fetching holds the others back only until its mark lapses", async () => {
    const prefix = redis.prefix();
    const calls: string[] = [];
    const dead = createRedisPaperStore(redis.connect(), prefix, "dead");
    // The cache keys a day by (a hash of the sources config, the UTC day number); 20402 is 2025-11-10.
    const search = (await import("node:crypto")).createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 16);
    const days = [20402, 20403, 20404].map((day) => `${search}|${day}`);
    expect(await dead.claim!(days, 300)).toEqual([]);
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    const replica = new SharedPaperCache({ fetchWindow: fakeSources(calls, "b"), now, wait, store: createRedisPaperStore(redis.connect(), prefix, "b"), fetchClaimMs: 300 });
    const started = Date.now();
    await replica.find(config, { from: new Date(20402 * 86400_000), to: new Date(20404 * 86400_000) });
    expect(calls).toEqual(["b 2025-11-10..2025-11-12"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
