import { describeError, HeadscoutError, redactSecrets, secretsInEnv, UsageError } from "../errors.ts";
import { EXIT } from "./exit-codes.ts";
import { processIo, type CliCommand, type CliIo } from "./io.ts";

const USAGE = `usage: headscout <command> [options]

commands:
  scan --catalog FILE (--since DATE [--until DATE] | --papers PAPERS.json) [--write]
                                   find, triage and show the entries a scan would add (dry run)
  catalog parse FILE               print the catalog's format and entries as JSON
  catalog add FILE ENTRIES.json    print FILE with the entries inserted (--write: in place)
  catalog lint FILE                report problems in a catalog file (exit 1 if any)
  catalog replay PATH              replay a catalog's history through the engine
  sources --since DATE [--until DATE] [--config FILE]
                                   fetch new candidate papers from arXiv and OpenReview
  triage PAPERS.json               decide which papers belong in the catalog and draft entries
  eval LABELED.jsonl [--offline] [--json]
                                   measure the prefilter and the classifier on labelled papers
`;

// Each command is loaded only when asked for, so `headscout catalog …` never loads the LLM client.
const commands: Record<string, () => Promise<CliCommand>> = {
  scan: async () => (await import("./commands/scan.ts")).runScanCommand,
  catalog: async () => (await import("./commands/catalog.ts")).runCatalog,
  sources: async () => (await import("./commands/sources.ts")).runSources,
  triage: async () => (await import("./commands/triage.ts")).runTriage,
  eval: async () => (await import("./commands/eval.ts")).runEval,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr(USAGE);
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`headscout: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  // Errors may end up in public places (a CI log, a GitHub comment): no secret of the environment in them.
  const say = (text: string) => io.stderr(redactSecrets(text, secretsInEnv(io.env)));
  let command: CliCommand | undefined;
  try {
    command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      say(`headscout ${name}: ${error.message}\n\n`);
      // The command's own usage, as --help prints it.
      await command?.(["--help"], { ...io, stdout: io.stderr });
      return EXIT.usage;
    }
    if (error instanceof HeadscoutError) {
      say(`headscout ${name}: ${describeError(error)}\n`);
      return EXIT.failed;
    }
    say(`headscout ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
