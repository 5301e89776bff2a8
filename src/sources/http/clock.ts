/** Time as the sources see it; tests pass a fake one so that no test waits in real time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A signal that aborts with a `TimeoutError` once `ms` have passed on this clock. */
  timeout(ms: number): AbortSignal;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  timeout: (ms) => AbortSignal.timeout(ms),
};

export interface ManualClock extends Clock {
  /** Every wait asked of `sleep`. */
  slept: number[];
  advance(ms: number): void;
  /**
   * Moves time to the deadline of the latest `timeout` asked for and fires it, as if the request
   * in flight had hung that long; false when none is left.
   */
  expireLatestTimeout(): boolean;
}

/**
 * A clock whose sleeps return at once and move its time forward. Its timeouts fire only through
 * `expireLatestTimeout`: a test says when a request hangs, and time moved by other waits (the other
 * source's throttle, say) never cuts a request short by surprise.
 */
export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  const slept: number[] = [];
  const timeouts: { at: number; controller: AbortController }[] = [];
  const advance = (ms: number) => {
    now += Math.max(0, ms);
  };
  return {
    slept,
    now: () => now,
    advance,
    sleep: async (ms) => {
      slept.push(ms);
      advance(ms);
    },
    timeout: (ms) => {
      const controller = new AbortController();
      timeouts.push({ at: now + ms, controller });
      return controller.signal;
    },
    expireLatestTimeout: () => {
      const latest = timeouts.pop();
      if (!latest) return false;
      advance(latest.at - now);
      latest.controller.abort(new DOMException("The operation timed out.", "TimeoutError"));
      return true;
    },
  };
}
