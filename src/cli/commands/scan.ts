import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { loadHeadRegistry } from "../../catalog/registry.ts";
import { loadConfigFile } from "../../config/load.ts";
import { HeadscoutError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { renderInsertions } from "../../scan/diff-insertions.ts";
import { runScan, type ScanDeps, type ScanResult } from "../../scan/run-scan.ts";
import { renderScanSummary } from "../../scan/render-scan-summary.ts";
import { fetchAllSources, type FetchSourcesOptions } from "../../sources/fetch-all.ts";
import { parsePapersFile } from "../../sources/read-papers-file.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import { triagePapers } from "../../triage/run.ts";
import { setUpTriage } from "../../triage/setup.ts";
import type { CliIo } from "../io.ts";
import { readCommandArgs } from "../read-command-args.ts";
import { readWindow } from "./sources.ts";
import { reportJson } from "./triage.ts";

const USAGE = `usage: headscout scan --catalog FILE (--since YYYY-MM-DD [--until YYYY-MM-DD] | --papers PAPERS.json)
                     [--config FILE] [--offline] [--cache FILE] [--json] [--write]

Finds new papers (from arXiv and OpenReview, or from a file the sources command wrote), drops the
ones the catalog already lists, triages the rest and shows the entries it would add to the catalog.
A dry run by default: nothing is written unless --write is given.
`;

/** Test seams: the HTTP client and the clock for the sources, and the LLM's fetch. */
export type ScanCommandDeps = Pick<FetchSourcesOptions, "fetch" | "clock" | "random">;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new HeadscoutError(`Cannot read ${what} ${path}`, { cause: error });
  }
}

function resultJson(result: ScanResult) {
  return {
    ...(result.sources ? { sources: result.sources } : {}),
    found: result.found,
    known: result.known.map((k) => ({ title: k.paper.title, key: k.key, catalogTitle: k.entryTitle, line: k.line })),
    triage: reportJson(result.triage),
    proposed: result.edit.inserted,
    refused: result.edit.refused.map((r) => ({ title: r.draft.entry.title, reason: r.reason })),
    insertions: result.insertions,
  };
}

export async function runScanCommand(args: string[], io: CliIo, deps: ScanCommandDeps = {}): Promise<number> {
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
  }, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    io.stderr(`headscout scan: unexpected argument '${positionals[0]}'\n\n${USAGE}`);
    return 2;
  }
  if (!values.catalog || (!values.since && !values.papers) || (values.since && values.papers)) {
    io.stderr(`headscout scan: give --catalog and either --since or --papers\n\n${USAGE}`);
    return 2;
  }

  const catalogPath = resolve(io.cwd, values.catalog);
  const catalogText = await readText(catalogPath, "catalog");
  const config = await loadConfigFile(values.config ? resolve(io.cwd, values.config) : undefined);
  const registry = loadHeadRegistry();
  const triageDeps = setUpTriage(config.triage, io.env, {
    ...(values.offline ? { forceMode: "offline" as const } : {}),
    ...(values.cache ? { cachePath: resolve(io.cwd, values.cache) } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const papersFile = values.papers ? resolve(io.cwd, values.papers) : undefined;
  const since = values.since;
  const scanDeps: ScanDeps = {
    registry,
    findPapers: papersFile
      ? async () => ({ papers: parsePapersFile(await readText(papersFile, "papers file"), papersFile) })
      : async () =>
          fetchAllSources({
            config: config.sources,
            window: readWindow(since!, values.until, deps.clock?.now() ?? Date.now()),
            settings: readSourceSettings(io.env),
            registry,
            ...deps,
          }),
    triage: (candidates) => triagePapers(candidates, triageDeps),
  };

  const result = await runScan(catalogText, scanDeps);
  const shownPath = relative(io.cwd, catalogPath) || catalogPath;
  if (values.json) io.stdout(`${JSON.stringify(resultJson(result), null, 2)}\n`);
  else io.stdout(`${renderScanSummary(result)}${result.insertions.length ? `\n${renderInsertions(shownPath, result.insertions)}` : ""}`);

  if (values.write && result.edit.inserted.length > 0) {
    writeFileAtomic(catalogPath, result.edit.document);
    io.stderr(`wrote ${result.edit.inserted.length} new ${result.edit.inserted.length === 1 ? "entry" : "entries"} to ${shownPath}\n`);
  } else if (!values.write && result.edit.inserted.length > 0) {
    io.stderr(`dry run: ${shownPath} is unchanged (add --write to apply)\n`);
  }
  const failed = Object.entries(result.sources?.sources ?? {}).filter(([, s]) => s.status === "failed");
  for (const [name, s] of failed) io.stderr(`headscout scan: ${name} failed: ${s.reason}\n`);
  return failed.length > 0 ? 1 : 0;
}

