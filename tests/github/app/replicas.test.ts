import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_MISSING, redisAvailable, startTestRedis, type TestRedis } from "../../helpers/redis.ts";
import { ARXIV_HOST, botComments, commentOn, fakeArxiv, ledgerOf, OPERATOR_ENV, pulls, REPO, replyOn, useWorlds, waitFor, type RunningApp, type World } from "./harness.ts";

const worlds = useWorlds();
const repo = { owner: "octo-lab", repo: "catalog" };
const installationOf = (world: World) => world.fake.state.installationFor(world.fake.state.repo(REPO))!.id;
/** Queued work is done in every replica: the ledger shows `scans` scans and nobody runs one. */
const settled = (world: World, replicas: RunningApp[], scans: number) => () =>
  (world.fake.state.readFile(REPO, "headscout-state", "ledger.json") ? ledgerOf(world.fake).scans.length === scans : false) && replicas.every((r) => r.handle.scans.running === 0);

describe.skipIf(!redisAvailable())(`two app replicas behind one webhook URL, sharing Redis (${redisAvailable() ? "on a real redis-server" : REDIS_MISSING})`, () => {
  let redis: TestRedis;
  beforeAll(async () => void (redis = await startTestRedis()));
  afterAll(async () => redis?.stop());

  async function replicas() {
    const prefix = redis.prefix();
    const env = { ...OPERATOR_ENV, REDIS_URL: redis.url, HEADSCOUT_REDIS_PREFIX: prefix };
    const world = await worlds.world(undefined, { instanceId: "replica-a", env });
    const b = await worlds.app(world.fake, { instanceId: "replica-b", env });
    /** Every scan job the replicas queued, whatever became of it. */
    const queued = async () => {
      const queue = new Queue("scans", { connection: redis.connect(), prefix });
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "completed", "failed");
      await queue.close();
      return Object.values(counts).reduce((n, c) => n + c, 0);
    };
    return { world, a: world.app, b, queued };
  }

  it("a scheduled tick both replicas see is one scan: arXiv asked as often as by one app alone, one pull request", async () => {
    // What one app alone asks arXiv for this scan.
    const alone = await worlds.world(undefined, { env: { ...OPERATOR_ENV, ARXIV_API_URL: "https://arxiv-alone.test/api/query" } });
    const aloneArxiv = fakeArxiv(undefined, "https://arxiv-alone.test");
    await alone.app.handle.scanOnSchedule(installationOf(alone), repo, new Date("2026-11-20T06:00:00Z"));
    await alone.app.handle.jobs.idle();
    expect(pulls(alone.fake)).toHaveLength(1);

    const { world, a, b, queued } = await replicas();
    const arxiv = fakeArxiv(undefined, ARXIV_HOST);
    const tick = new Date("2026-11-20T06:00:00Z");
    await Promise.all([a.handle.scanOnSchedule(installationOf(world), repo, tick), b.handle.scanOnSchedule(installationOf(world), repo, tick)]);
    await waitFor(settled(world, [a, b], 1), 15_000);

    expect(await queued()).toBe(1);
    expect(ledgerOf(world.fake).scans.map((s) => s.trigger)).toEqual(["schedule"]);
    expect(pulls(world.fake)).toHaveLength(1);
    expect(arxiv.requests).toBe(aloneArxiv.requests);
    expect(ledgerOf(world.fake).claim).toBeUndefined();
  });

  it("a command is one scan, in whichever replica takes it, and its report is posted where it was asked", async () => {
    const { world, a, b } = await replicas();
    const arxiv = fakeArxiv(undefined, ARXIV_HOST);
    const asked = commentOn(world.fake, "@headscout scan");
    expect((await world.fake.sendWebhook(a.webhookUrl, asked.delivery)).status).toBe(200);
    await waitFor(() => settled(world, [a, b], 1)() && botComments(world.fake, asked.issue).length === 1, 15_000);

    expect(pulls(world.fake)).toHaveLength(1);
    expect(replyOn(world.fake, asked.issue)).toContain(`opened #${pulls(world.fake)[0]!.number} (1 paper)`);
    expect(arxiv.requests).toBeGreaterThan(0);

    // A later tick finds the days in the Redis paper cache: no new arXiv request, no second pull request.
    const before = arxiv.requests;
    await b.handle.scanOnSchedule(installationOf(world), repo, new Date("2026-11-20T12:00:00Z"));
    await waitFor(settled(world, [a, b], 2), 15_000);
    expect(arxiv.requests).toBe(before);
    expect(pulls(world.fake)).toHaveLength(1);
  });
});

describe.skipIf(!redisAvailable({ own: true }))("a replica whose Redis went away (needs redis-server on the PATH)", () => {
  it("answers @headscout scan with why it could not queue the scan, instead of leaving the maintainer waiting", async () => {
    const redis = await startTestRedis({ own: true });
    const env = { ...OPERATOR_ENV, REDIS_URL: redis.url, HEADSCOUT_REDIS_PREFIX: redis.prefix() };
    const world = await worlds.world(undefined, { instanceId: "replica-a", env });
    const health = () => fetch(world.app.webhookUrl.replace("/api/github/webhooks", "/health")).then((r) => r.json() as Promise<{ status: string; queue: unknown }>);
    expect(await health()).toMatchObject({ status: "ok", queue: { kind: "redis", connection: "ready" } });
    await redis.stop();
    await waitFor(() => world.app.handle.health.snapshot().status === "degraded");
    expect(await health()).toMatchObject({ status: "degraded", queue: { kind: "redis" } });
    const asked = commentOn(world.fake, "@headscout scan");
    expect((await world.fake.sendWebhook(world.app.webhookUrl, asked.delivery)).status).toBe(200);
    await waitFor(() => botComments(world.fake, asked.issue).length === 1, 15_000);
    expect(replyOn(world.fake, asked.issue)).toMatch(/^headscout could not queue the scan: /);
    expect(pulls(world.fake)).toEqual([]);
  });
});
