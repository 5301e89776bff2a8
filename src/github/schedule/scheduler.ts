import { jitterFor, nextTick } from "./ticks.ts";

/** Timers the scheduler sets; tests pass fake ones and fire them by hand. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Node's timers overflow past ~24.8 days: a monthly schedule sleeps in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SchedulerOptions {
  timers: Timers;
  /** Up to this much is added to each tick, steady per repository. */
  maxJitterMs: number;
  /**
   * Called at each (jittered) tick with the time it was due, the same in every replica (the
   * tick's identity on a shared queue); must not throw (the caller queues the scan and logs).
   */
  onTick(key: string, due: Date): void;
}

/**
 * One timer per scheduled repository, set for its next cron tick (UTC) plus its jitter, and set
 * again after each tick. In-process: with several replicas every one ticks; on a shared queue the
 * tick is one job, and otherwise the ledger's claim lets one scan run.
 */
export class Scheduler {
  private readonly jobs = new Map<string, { cron: string; handle: unknown }>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Schedules (or reschedules) a repository; `off` removes it. */
  set(key: string, cron: string): void {
    if (this.jobs.get(key)?.cron === cron) return;
    this.remove(key);
    if (cron === "off") return;
    this.arm(key, cron);
  }

  remove(key: string): void {
    const job = this.jobs.get(key);
    if (job) this.options.timers.clearTimeout(job.handle);
    this.jobs.delete(key);
  }

  stop(): void {
    for (const key of [...this.jobs.keys()]) this.remove(key);
  }

  /** When a repository's next scan is due (with its jitter), for the health report and tests. */
  nextRun(key: string): Date | undefined {
    const job = this.jobs.get(key);
    if (!job) return undefined;
    const tick = nextTick(job.cron, new Date(this.options.timers.now()));
    return tick && new Date(tick.getTime() + jitterFor(key, this.options.maxJitterMs));
  }

  get size(): number {
    return this.jobs.size;
  }

  private arm(key: string, cron: string): void {
    const { timers } = this.options;
    const now = timers.now();
    const tick = nextTick(cron, new Date(now));
    if (!tick) return;
    const due = tick.getTime() + jitterFor(key, this.options.maxJitterMs);
    const wait = Math.max(0, due - now);
    const handle = timers.setTimeout(() => {
      if (this.jobs.get(key)?.handle !== handle) return;
      if (timers.now() + 1000 < due) return this.arm(key, cron); // a long wait in steps
      this.options.onTick(key, new Date(due));
      this.arm(key, cron);
    }, Math.min(wait, MAX_TIMER_MS));
    this.jobs.set(key, { cron, handle });
  }
}
