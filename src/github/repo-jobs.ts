/** What is running for a repository, for the "already running" reply. */
export interface RunningJob {
  startedAt: number;
  /** Where it was asked for (a comment's URL), or the schedule. */
  origin: string;
}

/**
 * At most one job per repository in this process; the work runs in the background (a webhook
 * answers at once) and its failure is logged, never left as an unhandled rejection that would
 * take down every installation. Across replicas, the ledger's claim does the same.
 */
export class RepoJobs {
  private readonly running = new Map<string, { job: RunningJob; done: Promise<void> }>();
  private readonly rerun = new Map<string, { job: RunningJob; work: () => Promise<void> }>();

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  /** Starts `work` unless a job runs for `key`; returns the running one instead. */
  start(key: string, job: RunningJob, work: () => Promise<void>): { started: true } | { started: false; running: RunningJob } {
    const current = this.running.get(key);
    if (current) return { started: false, running: current.job };
    const done = (async () => {
      try {
        await work();
      } catch (error) {
        this.onError(key, error);
      } finally {
        this.running.delete(key);
        const next = this.rerun.get(key);
        this.rerun.delete(key);
        if (next) this.start(key, next.job, next.work);
      }
    })();
    this.running.set(key, { job, done });
    return { started: true };
  }

  /**
   * Starts `work` now, or once the running job for `key` ends: for work that reads the latest
   * state (a rebuild after a push or an untick), where the running job may have read it too
   * early. Requests made while one waits are one run (the latest).
   */
  startOrRerun(key: string, job: RunningJob, work: () => Promise<void>): void {
    if (!this.start(key, job, work).started) this.rerun.set(key, { job, work });
  }

  /** Waits for every job (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Jobs running now. */
  get size(): number {
    return this.running.size;
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }
}
