import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { readCatalogText } from "../../catalog/read-catalog-file.ts";
import { loadConfigFile } from "../../config/load.ts";
import { HeadscoutError, UsageError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { createFileLedgerStore } from "../../github/ledger/file-store.ts";
import { describeLedgerUse, ledgerReportJson, openScanLedger } from "../../github/ledger/scan-ledger.ts";
import { describeScanProblems } from "../../scan/describe-scan-problems.ts";
import { renderInsertions } from "../../scan/diff-insertions.ts";
import { renderScanSummary } from "../../scan/render-scan-summary.ts";
import { runScan, type ScanResult } from "../../scan/run-scan.ts";
import { scanReportJson } from "../../scan/scan-report-json.ts";
import { setUpScan, type ScanSetup } from "../../scan/set-up-scan.ts";
import { parsePapersFile } from "../../sources/read-papers-file.ts";
import { FileAnswerCache } from "../../triage/llm/cache.ts";
import { VERSION } from "../../version.ts";
import { catchUsageErrors } from "../catch-usage-errors.ts";
import { writeScanOut } from "../write-scan-out.ts";
import { combineExitCodes, EXIT, type ExitCode } from "../exit-codes.ts";
import type { CliIo } from "../io.ts";
import { createProgress } from "../progress/create-progress.ts";
import type { RedrawTimer } from "../progress/terminal-progress.ts";
import { readCommandArgs } from "../read-command-args.ts";
import { readWindow } from "../../sources/window.ts";

const USAGE = `usage: headscout scan [--catalog FILE] (--since YYYY-MM-DD [--until YYYY-MM-DD] | --days N | --papers PAPERS.json)
                     [--ledger FILE] [--config FILE] [--offline] [--cache FILE] [--json] [--write] [--out DIR]
                     [--no-progress]

Finds new papers (from arXiv and OpenReview, or from a file the sources command wrote), drops the
ones the catalog already lists, triages the rest and shows the entries it would add to the catalog.
A dry run by default: nothing is written unless --write is given. The catalog is --catalog, or the
config's catalog.path (README.md by default). --days N searches the last N days. --out DIR writes
the would-be catalog, the pull request body (or one per paper) as the app would post it, and the
report (report.json, report.txt) to DIR, leaving the catalog itself unchanged.

--ledger FILE keeps headscout's memory between runs (created when missing; docs/app.md): papers
decided before are skipped, papers left undecided are tried again, and each run is recorded.
Without --since and --papers, the window starts where the ledger's last successful search ended
(less schedule.overlapDays), or schedule.firstLookbackDays ago on the first run.

Progress goes to stderr: on a terminal a block redrawn in place (requests and pages per source,
the waits for arXiv's 3-second spacing, papers triaged, elapsed time); piped or in CI plain lines,
or none with --json. --no-progress turns it off. The report on stdout is the same either way.

exit codes: 0 done (papers a cap left for the next run included), 1 a source failed or an input
cannot be used, 2 usage, 3 the LLM could not judge papers it had to
`;

/** Test seams: the HTTP client and the clock for the sources and the LLM; the progress display's timer and terminal check. */
export type ScanCommandDeps = NonNullable<ScanSetup["http"]> & { progress?: { timer?: RedrawTimer; interactive?: boolean } };

/** What the CLI says with its exit code: a failed source (1), the LLM unable to judge papers (3). */
export function scanExitCode(result: ScanResult): ExitCode {
  const sourceFailed = Object.values(result.sources?.sources ?? {}).some((s) => s.status === "failed");
  return combineExitCodes(sourceFailed ? EXIT.failed : EXIT.ok, result.triage.counts.llmFailures > 0 ? EXIT.llmOutage : EXIT.ok);
}

export const runScanCommand = catchUsageErrors("scan", USAGE, async (args: string[], io: CliIo, deps: ScanCommandDeps = {}): Promise<number> => {
  const parsed = readCommandArgs("scan", USAGE, args, {
    catalog: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    papers: { type: "string" },
    config: { type: "string" },
    offline: { type: "boolean", default: false },
    cache: { type: "string" },
    json: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    ledger: { type: "string" },
    days: { type: "string" },
    out: { type: "string" },
    "no-progress": { type: "boolean", default: false },
  }, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if ([values.since, values.papers, values.days].filter(Boolean).length > 1) throw new UsageError("give one of --since, --days and --papers");
  if (!values.since && !values.papers && !values.days && !values.ledger) throw new UsageError("give either --since, --days or --papers (or --ledger, to search from where the last run ended)");
  if (values.days && !/^[1-9]\d{0,2}$/.test(values.days)) throw new UsageError(`--days takes a number of days from 1 to 999, not '${values.days.slice(0, 20)}'`);
  if (values.until && !values.since) throw new UsageError("--until goes with --since");
  const now = deps.clock?.now() ?? Date.now();
  const ledger = values.ledger ? await openScanLedger(createFileLedgerStore(resolve(io.cwd, values.ledger), values.ledger)) : undefined;

  const config = await loadConfigFile(values.config ? resolve(io.cwd, values.config) : undefined);
  const since = values.days ? new Date(now - Number(values.days) * 24 * 3600_000).toISOString().slice(0, 10) : values.since;
  const window = since ? readWindow(since, values.until, now) : ledger?.window(config, io.env, new Date(now));
  const catalogPath = resolve(io.cwd, values.catalog ?? config.catalog.path);
  const shownPath = relative(io.cwd, catalogPath) || catalogPath;
  const catalogText = readCatalogText(catalogPath, shownPath);
  const papersFile = values.papers ? resolve(io.cwd, values.papers) : undefined;
  const { progress: progressSeams, ...http } = deps;
  const progress = values["no-progress"] ? undefined : createProgress(io, { json: values.json, now: () => http.clock?.now() ?? Date.now(), ...progressSeams });
  let result: ScanResult;
  try {
    const scanDeps = setUpScan({
      config,
      env: io.env,
      supply: papersFile ? { kind: "papers", papers: async () => parsePapersFile(await readPapersText(papersFile), papersFile) } : { kind: "window", window: window! },
      ...(values.offline ? { forceMode: "offline" as const } : {}),
      ...(values.cache ? { cache: new FileAnswerCache(resolve(io.cwd, values.cache)) } : {}),
      ...(progress ? { onProgress: progress.sink } : {}),
      http,
    });
    if (ledger) scanDeps.recall = ledger.recall;
    result = await runScan(catalogText, scanDeps, shownPath);
  } finally {
    // Before anything else is printed: the report, and any error, start below the progress.
    progress?.finish();
  }
  if (values.json) io.stdout(`${JSON.stringify({ ...scanReportJson(result), ...(ledger ? { ledger: ledgerReportJson(result) } : {}) }, null, 2)}\n`);
  else io.stdout(`${renderScanSummary(result)}${result.insertions.length ? `\n${renderInsertions(shownPath, result.insertions)}` : ""}`);

  if (values.out) {
    const dir = resolve(io.cwd, values.out);
    const files = writeScanOut(dir, result, { catalogText, catalogName: shownPath, config, ...(window ? { window } : {}), version: VERSION });
    io.stderr(`wrote ${files.join(", ")} to ${relative(io.cwd, dir) || dir} (${shownPath} itself is unchanged)\n`);
  }
  const count = result.edit.inserted.length;
  if (values.write && count > 0) {
    writeFileAtomic(catalogPath, result.edit.document, { name: shownPath });
    io.stderr(`wrote ${count} new ${count === 1 ? "entry" : "entries"} to ${shownPath}\n`);
  } else if (!values.write && !values.out && count > 0) {
    io.stderr(`dry run: ${shownPath} is unchanged (add --write to apply)\n`);
  }
  if (ledger) {
    await ledger.record(result, { at: new Date(now), trigger: "cli" });
    io.stderr(`${describeLedgerUse(values.ledger!, result)}\n`);
  }
  for (const note of result.triage.notes) io.stderr(`headscout scan: note: ${note}\n`);
  for (const problem of describeScanProblems(result)) io.stderr(`headscout scan: ${problem}\n`);
  return scanExitCode(result);
});

async function readPapersText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new HeadscoutError(`cannot read papers file ${path}`, { cause: error });
  }
}
