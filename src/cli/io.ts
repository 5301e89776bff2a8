/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The stream behind `stderr`, when there is one: on a terminal, a scan's progress is redrawn there in place. */
  stderrStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
}

export const processIo: CliIo = {
  stdout: (text) => writeUnlessClosed(process.stdout, text),
  stderr: (text) => writeUnlessClosed(process.stderr, text),
  env: process.env,
  cwd: process.cwd(),
  stderrStream: process.stderr,
};

/** Output whose reader has gone (`headscout … | head`) is dropped: the command still finishes its work. */
function writeUnlessClosed(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.destroyed) stream.write(text);
}

/**
 * Makes output piped into `head` end quietly: once the reader has closed the pipe (EPIPE), the
 * rest of the output is dropped instead of the process dying with a stack trace. A scan with
 * --write still writes; the exit code is the command's own. Other stream errors still throw.
 */
export function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.destroy();
  });
}

/** A command takes its arguments (after its name) and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
