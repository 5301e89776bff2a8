import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeArxivServer } from "../../helpers/fake-arxiv-server.ts";
import { startFakeGitHub, type FakeGitHub } from "../../helpers/fake-github/index.ts";
import { freePort } from "../../helpers/free-port.ts";
import { REDIS_MISSING, redisAvailable, startTestRedis, type TestRedis } from "../../helpers/redis.ts";
import { projectRoot } from "../../helpers/shared.ts";
import { botComments, catalogFixture, commentOn, CONFIG, expectWellBehaved, ledgerOf, MAINTAINER, pulls, REPO, replyOn, thisWeek, waitFor } from "./harness.ts";

/** `npm start` as a container runs it: its own process, configured by its environment. */
async function startReplica(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/run-ts.js", "src/github/server/main.ts"], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", LOG_LEVEL: "fatal", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 300; i++) {
    const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (health) return { child, exited, webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks` };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the replica on port ${port} did not come up (exit ${child.exitCode})`);
}

describe.skipIf(!redisAvailable())(`a replica killed mid-scan (${redisAvailable() ? "on a real redis-server" : REDIS_MISSING})`, () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it("the other replica runs the scan again once the dead one's lock lapses: one pull request, one report, no claim left", async () => {
    const redis: TestRedis = await startTestRedis();
    cleanup.push(() => redis.stop());
    const fake: FakeGitHub = await startFakeGitHub({ slug: "headscout" });
    cleanup.push(() => fake.close());
    const [owner, repo] = REPO.split("/") as [string, string];
    fake.state.seedRepo({ owner, repo, files: { "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}schedule:\n  cron: "off"\n` } });
    fake.state.setRole(REPO, MAINTAINER, "maintain");
    const arxiv = await startFakeArxivServer(thisWeek, { holdFirst: true });
    cleanup.push(() => arxiv.close());

    const shared = { ...fake.env, REDIS_URL: redis.url, HEADSCOUT_REDIS_PREFIX: redis.prefix(), HEADSCOUT_QUEUE_LOCK_MS: "1500", HEADSCOUT_QUEUE_STALLED_CHECK_MS: "500", ARXIV_INTERVAL_MS: "0" };
    const replicas: Record<string, Awaited<ReturnType<typeof startReplica>>> = {};
    for (const name of ["a", "b"]) {
      replicas[name] = await startReplica({ ...shared, ARXIV_API_URL: arxiv.urlFor(name) });
      const child: ChildProcess = replicas[name]!.child;
      cleanup.push(() => void child.kill("SIGKILL"));
    }

    const asked = commentOn(fake, "@headscout scan since 2026-11-01");
    expect((await fake.sendWebhook(replicas.a!.webhookUrl, asked.delivery)).status).toBe(200);
    // Whichever replica took the job is searching arXiv (its first request is held): kill it.
    const scanning = await arxiv.first;
    const survivor = scanning === "a" ? "b" : "a";
    replicas[scanning]!.child.kill("SIGKILL");
    await replicas[scanning]!.exited;

    await waitFor(() => botComments(fake, asked.issue).length > 0 && ledgerOf(fake).scans.length > 0, 60_000);
    expect(arxiv.requests.filter((name) => name === survivor).length).toBeGreaterThan(0);
    expect(pulls(fake)).toHaveLength(1);
    expect(botComments(fake, asked.issue)).toHaveLength(1);
    expect(replyOn(fake, asked.issue)).toContain(`opened #${pulls(fake)[0]!.number} (1 paper)`);
    const ledger = ledgerOf(fake);
    expect(ledger.scans.map((s) => s.trigger)).toEqual(["command"]);
    expect(ledger.claim).toBeUndefined();
    expectWellBehaved(fake);
  }, 90_000);
});
