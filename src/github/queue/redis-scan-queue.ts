import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "probot";
import { HeadscoutError } from "../../errors.ts";
import type { QueueSettings } from "./queue-settings.ts";
import type { ScanJob } from "./scan-job.ts";
import type { RunScanJob, ScanQueue } from "./scan-queue.ts";

const QUEUE = "scans";
const DAY_MS = 24 * 3600_000;

/**
 * Scans queued on Redis with BullMQ, taken by whichever replica is free: a tick every replica
 * sees, or a command, is one job (its id). A replica holds a lock on the job it runs and renews
 * it; if the replica dies, the lock lapses after `lockMs` and another replica runs the job again
 * (BullMQ's stalled-job check), taking over the ledger's claim that the same job made.
 */
/** Longest a scan may wait to be queued, or the queue to close, while Redis does not answer. */
const REDIS_PATIENCE_MS = 10_000;

/** `work`, or an error naming what did not answer once `ms` have passed. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HeadscoutError(`Redis did not answer within ${ms / 1000} s (${what})`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The queue, once both its connections are up (so that a Redis lost later fails fast instead of hanging). */
export async function createRedisScanQueue(redis: Redis, settings: QueueSettings, run: RunScanJob, log: Logger): Promise<ScanQueue> {
  // Queuing fails fast while Redis is away (the maintainer is told); the worker waits for it.
  const producer = redis.duplicate({ maxRetriesPerRequest: 2 });
  producer.on("error", () => undefined);
  const queue = new Queue<ScanJob>(QUEUE, { connection: producer, prefix: settings.prefix });
  let running = 0;
  const worker = new Worker<ScanJob>(
    QUEUE,
    async (job) => {
      running++;
      try {
        await run(job.data, { id: job.id! });
      } finally {
        running--;
      }
    },
    {
      connection: redis,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockMs,
      stalledInterval: settings.stalledCheckMs,
      // A job whose replica was lost runs once more; lost twice, it fails (the next tick tries again).
      maxStalledCount: 1,
    },
  );
  worker.on("error", (error) => log.error({ err: error }, "scan queue: Redis error"));
  worker.on("failed", (job, error) => log.error({ err: error, job: job?.id }, "scan queue: a scan failed"));
  worker.on("stalled", (id) => log.warn({ job: id }, "scan queue: a replica was lost mid-scan; the scan runs again"));
  queue.on("error", (error) => log.error({ err: error }, "scan queue: Redis error"));
  await within(Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]), REDIS_PATIENCE_MS, "starting the scan queue");

  return {
    async submit(job, id) {
      // Kept a day after it ends, so that a replica ticking late finds the tick already queued.
      const options = { jobId: id, attempts: 1, removeOnComplete: { age: DAY_MS / 1000 }, removeOnFail: { age: (7 * DAY_MS) / 1000 } };
      await within(queue.add("scan", job, options), REDIS_PATIENCE_MS, "queuing a scan");
      return { queued: true };
    },
    get running() {
      return running;
    },
    async close() {
      // Without Redis nothing can be handed back: running scans are left to their lock (another
      // replica runs them again), and closing does not wait for a server that is not there.
      const away = redis.status !== "ready";
      if (away) {
        producer.disconnect();
        redis.disconnect();
      }
      // With Redis up, running scans finish first (the server's stop bounds that with its grace).
      if (away) await within(worker.close(true), 1_000, "closing the scan queue").catch((error: unknown) => log.warn({ err: error }, "scan queue: closed without Redis"));
      else await worker.close();
      await within(queue.close(), 1_000, "closing the scan queue").catch(() => undefined);
      producer.disconnect();
    },
  };
}
