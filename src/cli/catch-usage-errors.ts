import { UsageError } from "../errors.ts";
import { EXIT } from "./exit-codes.ts";
import type { CliIo } from "./io.ts";

/**
 * A command whose bad argument values (a UsageError thrown anywhere inside it, such as
 * `--since yesterday`) print the problem in one line, then the command's usage, and give exit
 * code 2, whether it runs through `main` or is called directly.
 */
export function catchUsageErrors<D extends unknown[]>(
  command: string,
  usage: string,
  run: (args: string[], io: CliIo, ...deps: D) => Promise<number>,
): (args: string[], io: CliIo, ...deps: D) => Promise<number> {
  return async (args, io, ...deps) => {
    try {
      return await run(args, io, ...deps);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`headscout ${command}: ${error.message}\n\n${usage.endsWith("\n") ? usage : `${usage}\n`}`);
      return EXIT.usage;
    }
  };
}
