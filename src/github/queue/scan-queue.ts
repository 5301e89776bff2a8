import type { RepoJobs, RunningJob } from "../repo-jobs.ts";
import { repoName } from "../repo.ts";
import type { ScanJob } from "./scan-job.ts";

/** Runs one queued scan; `id` is the job's identity when a queue shared by replicas gave it one. */
export type RunScanJob = (job: ScanJob, queued: { id?: string }) => Promise<void>;

/** Where scheduled and commanded scans wait their turn. */
export interface ScanQueue {
  /**
   * Queues a scan under `id` (a second submit of the same id is a no-op). `running` when this
   * process already scans the repository (the "already running" reply).
   */
  submit(job: ScanJob, id: string): Promise<{ queued: true } | { queued: false; running: RunningJob }>;
  /** Scans running in this process now. */
  readonly running: number;
  /** Stops taking scans and waits for this process's running ones. */
  close(): Promise<void>;
}

/** Without Redis: the scan starts in this process at once, one per repository at a time. */
export function createInProcessScanQueue(jobs: RepoJobs, run: RunScanJob, now: () => number): ScanQueue {
  let running = 0;
  return {
    async submit(job) {
      const started = jobs.start(repoName(job.repo), { startedAt: now(), origin: job.origin }, async () => {
        running++;
        try {
          await run(job, {});
        } finally {
          running--;
        }
      });
      return started.started ? { queued: true } : { queued: false, running: started.running };
    },
    get running() {
      return running;
    },
    close: () => jobs.idle(),
  };
}
