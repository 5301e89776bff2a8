import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { freePort } from "./free-port.ts";

/**
 * A Redis for tests: the one `.ci/run` starts (HEADSCOUT_TEST_REDIS_URL), or else a
 * `redis-server` this helper starts on a free port (stopped by `stop`). Undefined, with the
 * reason, when neither is at hand (a clone without Debian's redis-server): the tests skip saying so.
 */
export interface TestRedis {
  url: string;
  /** A key prefix of its own for each caller, so test files sharing one Redis never meet. */
  prefix(): string;
  connect(): Redis;
  stop(): Promise<void>;
}

export const REDIS_MISSING = "skipped: no Redis; set HEADSCOUT_TEST_REDIS_URL or install redis-server (.ci/run does both)";

export function redisAvailable(options: { own?: boolean } = {}): boolean {
  return (!options.own && Boolean(process.env.HEADSCOUT_TEST_REDIS_URL)) || spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** `own`: a redis-server of the caller's own (which it may stop), even where CI provides one. */
export async function startTestRedis(options: { own?: boolean } = {}): Promise<TestRedis> {
  let child: ChildProcess | undefined;
  let url = options.own ? undefined : process.env.HEADSCOUT_TEST_REDIS_URL;
  if (!url) {
    const port = await freePort();
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    url = `redis://127.0.0.1:${port}`;
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    probe.on("error", () => undefined);
    await probe.connect().catch(() => undefined);
    await probe.ping();
    probe.disconnect();
  }
  const clients: Redis[] = [];
  return {
    url,
    prefix: () => `test-${randomUUID().slice(0, 8)}`,
    connect() {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.disconnect();
      if (child) {
        const exited = new Promise((resolve) => child!.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
