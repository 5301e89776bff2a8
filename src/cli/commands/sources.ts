import { resolve } from "node:path";
import { loadConfigFile } from "../../config/load.ts";
import { quoteExcerpt, UsageError } from "../../errors.ts";
import type { SearchWindow } from "../../sources/arxiv/build-query.ts";
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

/** `--since` from 00:00 GMT through `--until` 23:59 GMT (or now). A bad date is a usage error (exit 2). */
export function readWindow(since: string, until: string | undefined, now: number): SearchWindow {
  const from = readDay(since, "--since");
  const to = until ? new Date(readDay(until, "--until").getTime() + 24 * 3600_000 - 60_000) : new Date(now - (now % 60_000));
  if (from.getTime() > to.getTime()) throw new UsageError(`--since ${since} is after ${until ? `--until ${until}` : "now"}`);
  return { from, to };
}

function readDay(text: string, option: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new UsageError(`${option} ${quoteExcerpt(text, 40)} is not a date (YYYY-MM-DD)`);
  return date;
}
