import isInteractive from "is-interactive";
import type { ProgressSink, ScanProgressEvent } from "../../scan/progress-events.ts";
import type { CliIo } from "../io.ts";
import { createPlainProgress } from "./plain-progress.ts";
import { createTerminalProgress, type RedrawTimer } from "./terminal-progress.ts";

/** A progress display: fed the scan's events, then finished (before anything else is printed). */
export interface ProgressReporter {
  onEvent(event: ScanProgressEvent): void;
  /** Prints what is left and gives the stream back. Called once the scan ends, or fails. */
  finish(): void;
}

export interface ProgressOptions {
  /** --json: the output is for a program; without a terminal, progress stays quiet too. */
  json: boolean;
  /** The scan's clock: elapsed time and waits are measured on it. */
  now: () => number;
  /** Test seams: the terminal's redraw timer, and whether stderr counts as interactive. */
  timer?: RedrawTimer;
  interactive?: boolean;
}

/**
 * Progress for a scan, always on stderr (stdout carries the report, unchanged). On an interactive
 * terminal (a TTY, not TERM=dumb, not CI: is-interactive) a block redrawn in place; otherwise plain
 * lines, except with --json, where a pipe or a CI log gets nothing extra. The sink it gives never
 * throws: a display's mistake never stops a scan.
 */
export function createProgress(io: Pick<CliIo, "stderr" | "stderrStream">, options: ProgressOptions): { sink: ProgressSink; finish: () => void } | undefined {
  const stream = io.stderrStream;
  const interactive = options.interactive ?? (stream !== undefined && isInteractive({ stream }));
  let reporter: ProgressReporter;
  if (interactive && stream) reporter = createTerminalProgress(stream, { now: options.now, ...(options.timer ? { timer: options.timer } : {}) });
  else if (options.json) return undefined;
  else reporter = createPlainProgress(io.stderr, options.now);
  return {
    sink: (event) => {
      try {
        reporter.onEvent(event);
      } catch {
        // Progress is a courtesy; the scan goes on without it.
      }
    },
    finish: () => reporter.finish(),
  };
}
