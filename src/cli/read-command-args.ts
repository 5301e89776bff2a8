import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { CliIo } from "./io.ts";

const HELP = { help: { type: "boolean", short: "h", default: false } } as const;

/**
 * Parses a command's flags (plus `-h/--help`). Bad flags print the message and the usage and give
 * exit code 2; `--help` prints the usage and gives 0; otherwise the parsed values.
 */
export function readCommandArgs<const T extends ParseArgsOptionsConfig>(
  command: string,
  usage: string,
  args: string[],
  options: T,
  io: Pick<CliIo, "stdout" | "stderr">,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...HELP }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`headscout ${command}: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return { exitCode: 2 } as const;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(usage);
    return { exitCode: 0 } as const;
  }
  return parsed;
}
