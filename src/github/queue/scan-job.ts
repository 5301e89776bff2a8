import type { RepoRef } from "../repo.ts";
import { repoName } from "../repo.ts";

/**
 * A scan as it waits in a queue: plain data, so that another replica can run it (it authenticates
 * as the installation itself) and answer where it was asked for.
 */
export interface ScanJob {
  installationId: number;
  repo: RepoRef;
  trigger: "schedule" | "command";
  /** Where it was asked for (a comment's URL), or "the schedule". */
  origin: string;
  /** `@headscout scan since DATE`. */
  since?: string;
  /** The issue or pull request a command's report goes to. */
  replyTo?: number;
}

/**
 * The job's identity across replicas: every replica ticks on the same schedule, and the first to
 * queue a tick's scan makes the others' a no-op; a command is queued once per comment.
 * (BullMQ ids may not contain ':'.)
 */
export function scanJobId(job: ScanJob, cause: { tick: Date } | { commentId: number }): string {
  const name = repoName(job.repo);
  return "tick" in cause ? `scan|${name}|tick|${cause.tick.getTime()}` : `scan|${name}|comment|${cause.commentId}`;
}
