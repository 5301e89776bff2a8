import { resolve } from "node:path";
import { readWindow } from "../../sources/window.ts";
import { loadConfigFile } from "../../config/load.ts";
import { quoteExcerpt, UsageError } from "../../errors.ts";
import { fetchAllSources, type FetchSourcesOptions } from "../../sources/fetch-all.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import { catchUsageErrors } from "../catch-usage-errors.ts";
import { EXIT } from "../exit-codes.ts";
import type { CliIo } from "../io.ts";
import { readCommandArgs } from "../read-command-args.ts";

const USAGE = "usage: headscout sources --since YYYY-MM-DD [--until YYYY-MM-DD] [--config FILE]";

/** Test seams: the HTTP client and the clock; the CLI itself uses the real ones. */
export type SourcesCommandDeps = Pick<FetchSourcesOptions, "fetch" | "clock" | "random">;

/**
 * `headscout sources`: prints `{"papers": [...], "report": {...}}`. Exits 1 when a source failed
 * (the JSON is still complete, so what the other source found is not lost).
 */
export const runSources = catchUsageErrors("sources", `${USAGE}\n`, async (args: string[], io: CliIo, deps: SourcesCommandDeps = {}): Promise<number> => {
  const parsed = readCommandArgs("sources", `${USAGE}\n`, args, { since: { type: "string" }, until: { type: "string" }, config: { type: "string" } }, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.since) throw new UsageError("--since is required");
  const now = deps.clock?.now() ?? Date.now();
  const window = readWindow(values.since, values.until, now);
  const config = await loadConfigFile(values.config ? resolve(io.cwd, values.config) : undefined);
  const settings = readSourceSettings(io.env);
  const { papers, report } = await fetchAllSources({ config: config.sources, window, settings, ...deps });
  io.stdout(`${JSON.stringify({ papers, report }, null, 2)}\n`);
  const failed = Object.entries(report.sources).filter(([, source]) => source.status === "failed");
  for (const [name, source] of failed) io.stderr(`headscout sources: ${name} failed: ${source.reason}\n`);
  return failed.length > 0 ? EXIT.failed : EXIT.ok;
});
