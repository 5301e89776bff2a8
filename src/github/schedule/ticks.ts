import { Cron } from "croner";

function pattern(cron: string): Cron {
  return new Cron(cron, { timezone: "UTC", paused: true });
}

/** The first tick of a (UTC) cron expression after `after`. */
export function nextTick(cron: string, after: Date): Date | undefined {
  return pattern(cron).nextRun(after) ?? undefined;
}

/** The latest tick at or before `now`. */
export function latestTick(cron: string, now: Date): Date | undefined {
  if (pattern(cron).match(now)) return now;
  return pattern(cron).previousRuns(1, now)[0];
}

/**
 * Whether a tick fell while nobody was running (a restart, a deploy): the latest tick is after
 * the last scheduled scan. Then one scan runs now — once, however many ticks were missed.
 * A repository whose schedule never ran has missed nothing: its first tick is ahead.
 */
export function missedTick(cron: string, lastScheduledScan: Date | undefined, now: Date): boolean {
  if (!lastScheduledScan) return false;
  const latest = latestTick(cron, now);
  return latest !== undefined && latest.getTime() > lastScheduledScan.getTime();
}

/** A repository's jitter: a steady offset in [0, max), so installations do not all query arXiv at 06:00:00. */
export function jitterFor(key: string, maxMs: number): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) % Math.max(1, maxMs);
}
