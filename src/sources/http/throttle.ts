import PQueue from "p-queue";
import type { Clock } from "./clock.ts";

/** Runs tasks one at a time, each starting at least `intervalMs` after the previous one started. */
export interface Throttle {
  /**
   * Runs `task` when its turn comes. `onWait` (optional; a progress display's) is told how long the
   * task is held back for the spacing, just before that wait begins; not called when there is none.
   */
  run<T>(task: () => Promise<T>, onWait?: (ms: number) => void): Promise<T>;
}

export function createThrottle(intervalMs: number, clock: Clock): Throttle {
  // p-queue serialises; the spacing is measured on the injected clock (p-queue's own interval
  // option uses real timers, which would make tests wait).
  const queue = new PQueue({ concurrency: 1 });
  let lastStart: number | undefined;
  return {
    run: async <T>(task: () => Promise<T>, onWait?: (ms: number) => void): Promise<T> =>
      queue.add(async () => {
        if (lastStart !== undefined) {
          const wait = lastStart + intervalMs - clock.now();
          if (wait > 0) {
            onWait?.(wait);
            await clock.sleep(wait);
          }
        }
        lastStart = clock.now();
        return task();
      }) as Promise<T>,
  };
}

const shared = new WeakMap<Clock, Map<string, Throttle>>();

/**
 * One throttle per service and clock for the whole process: scans for several installations of
 * the app run side by side, and arXiv's limit is per client, not per scan.
 */
export function sharedThrottle(key: string, intervalMs: number, clock: Clock): Throttle {
  let byKey = shared.get(clock);
  if (!byKey) shared.set(clock, (byKey = new Map()));
  const id = `${key} ${intervalMs}`;
  let throttle = byKey.get(id);
  if (!throttle) byKey.set(id, (throttle = createThrottle(intervalMs, clock)));
  return throttle;
}
