import { createLogUpdate } from "log-update";
import type { ScanProgressEvent } from "../../scan/progress-events.ts";
import type { ProgressReporter } from "./create-progress.ts";
import { initialProgress, reduceProgress, tickProgress, type ProgressState } from "./progress-state.ts";
import { renderProgress } from "./render-progress.ts";

/** A terminal stream as log-update and the renderer see it. */
export type TerminalStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

/**
 * The stream as log-update sees it, with a size of 0 (a pseudo-terminal nobody sized, as `script`
 * or `docker run -t` may give) read as unknown: log-update then assumes 80×24 instead of drawing nothing.
 */
function sizedOrDefault(stream: TerminalStream): TerminalStream {
  // log-update asks its stream for no more than these.
  const view = {
    isTTY: stream.isTTY,
    write: (text: string) => stream.write(text),
    get columns() {
      return stream.columns || undefined;
    },
    get rows() {
      return stream.rows || undefined;
    },
  };
  return view as unknown as TerminalStream;
}

/** Calls `tick` every `ms` until the returned function is called; tests pass one they drive by hand. */
export interface RedrawTimer {
  every(ms: number, tick: () => void): () => void;
}

export const realTimer: RedrawTimer = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref(); // a redraw never keeps the process alive
    return () => clearInterval(timer);
  },
};

/** How often the block is redrawn: often enough for a countdown, seldom enough to cost nothing. */
export const REDRAW_MS = 100;

/**
 * Progress on a terminal: a block of lines (renderProgress) redrawn in place by log-update, on the
 * timer only (so at most every REDRAW_MS however many events arrive; the elapsed time and a wait's
 * countdown move between events). `finish` draws the last state and leaves it on screen, so what
 * follows (the report, other messages) starts below it.
 */
export function createTerminalProgress(stream: TerminalStream, options: { now: () => number; timer?: RedrawTimer; redrawMs?: number }): ProgressReporter {
  const { now } = options;
  let state: ProgressState = initialProgress(now());
  // log-update hides the cursor on the process's stderr; only when that is where the block is drawn.
  const log = createLogUpdate(sizedOrDefault(stream), { showCursor: stream !== process.stderr });
  const draw = () => {
    state = tickProgress(state, now());
    log(renderProgress(state, stream.columns ? { width: stream.columns } : {}).join("\n"));
  };
  draw();
  const stop = (options.timer ?? realTimer).every(options.redrawMs ?? REDRAW_MS, draw);
  let finished = false;
  return {
    onEvent(event: ScanProgressEvent) {
      if (!finished) state = reduceProgress(state, event, now());
    },
    finish() {
      if (finished) return;
      finished = true;
      stop();
      draw();
      log.done();
    },
  };
}
