import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { insert } from "../../catalog/insert.ts";
import { lintCatalog } from "../../catalog/lint.ts";
import { readCatalogFile } from "../../catalog/read-catalog-file.ts";
import { replayVersions, type ReplayReport } from "../../catalog/replay.ts";
import { isGitRepository, readFolderVersions, readGitVersions } from "../../catalog/replay-source.ts";
import { loadVenueRegistry } from "../../catalog/venues.ts";
import { HeadscoutError, UsageError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { catchUsageErrors } from "../catch-usage-errors.ts";
import { describeOperands } from "../describe-operands.ts";
import { EXIT } from "../exit-codes.ts";
import type { CliIo } from "../io.ts";
import { readCommandArgs } from "../read-command-args.ts";

const USAGE = `usage: headscout catalog <subcommand>

  parse FILE                    print {"format", "entries"} as JSON
  add FILE ENTRIES.json         print FILE with the entries inserted [--write: write FILE in place]
  lint FILE                     report problems; exit 1 if any [--json]
  replay PATH                   replay a folder of versions or a git repository's README history
                                [--file README.md] [--json]; exit 1 unless every version parses
                                and every pure addition is reproduced (or refused as a duplicate)

A FILE that is not UTF-8 (UTF-16, binary, Latin-1) or holds no paper table or list is refused (exit 1).
`;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new HeadscoutError(`cannot read ${what} ${path}`, { cause });
  }
}

/** A subcommand's operands; a wrong count is a usage error (exit 2). */
function operands(sub: string, positionals: string[], names: string[]): string[] {
  if (positionals.length !== names.length) throw new UsageError(`catalog ${sub} takes ${names.join(" ")}, got ${describeOperands(positionals)}`);
  return positionals;
}

const JSON_FLAG = { json: { type: "boolean", default: false } } as const;

export const runCatalog = catchUsageErrors("catalog", USAGE, async (args: string[], io: CliIo): Promise<number> => {
  const [sub, ...rest] = args;
  const at = (p: string) => resolve(io.cwd, p);
  switch (sub) {
    case "parse": {
      const parsed = readCommandArgs("catalog parse", USAGE, rest, {}, io);
      if ("exitCode" in parsed) return parsed.exitCode;
      const [file] = operands(sub, parsed.positionals, ["FILE"]);
      const { document: doc } = readCatalogFile(at(file!), file);
      io.stdout(`${JSON.stringify({ format: doc.format, entries: doc.entries.map((e) => e.entry) }, null, 2)}\n`);
      return EXIT.ok;
    }
    case "add": {
      const parsed = readCommandArgs("catalog add", USAGE, rest, { write: { type: "boolean", default: false } }, io);
      if ("exitCode" in parsed) return parsed.exitCode;
      const [file, entriesFile] = operands(sub, parsed.positionals, ["FILE", "ENTRIES.json"]);
      const target = at(file!);
      const { text: document } = readCatalogFile(target, file);
      let json: unknown;
      try {
        json = JSON.parse(readText(at(entriesFile!), "entries file"));
      } catch (cause) {
        if (cause instanceof HeadscoutError) throw cause;
        throw new HeadscoutError(`entries file ${entriesFile} is not valid JSON`, { cause });
      }
      const entries = Array.isArray(json) ? json : (json as { entries?: unknown })?.entries;
      if (!Array.isArray(entries)) throw new HeadscoutError(`entries file ${entriesFile} must hold an array of entries or {"entries": [...]}`);
      let updated: string;
      try {
        updated = insert(document, entries);
      } catch (error) {
        if (error instanceof HeadscoutError) throw new HeadscoutError(`cannot add to ${file}: ${error.message}`, { cause: error.cause });
        throw error;
      }
      if (parsed.values.write) {
        writeFileAtomic(target, updated, { name: file! });
        io.stderr(`added ${entries.length} ${entries.length === 1 ? "entry" : "entries"} to ${file}\n`);
      } else io.stdout(updated);
      return EXIT.ok;
    }
    case "lint": {
      const parsed = readCommandArgs("catalog lint", USAGE, rest, JSON_FLAG, io);
      if ("exitCode" in parsed) return parsed.exitCode;
      const [file] = operands(sub, parsed.positionals, ["FILE"]);
      const { document: doc } = readCatalogFile(at(file!), file);
      const problems = lintCatalog(doc, loadVenueRegistry());
      if (parsed.values.json) {
        io.stdout(`${JSON.stringify({ format: doc.format, entries: doc.entries.length, sections: doc.sections.length, problems }, null, 2)}\n`);
      } else {
        const sections = doc.sections.filter((s) => s.title).map((s) => s.title);
        const where = sections.length > 0 ? ` in ${sections.length} sections (${sections.join(", ")})` : "";
        io.stdout(`${file}: ${doc.format} catalog, ${doc.entries.length} entries${where}\n`);
        for (const p of problems) io.stdout(`  line ${p.line}: ${p.kind}: ${p.message}\n`);
        io.stdout(problems.length === 0 ? "no problems found\n" : `${problems.length} ${problems.length === 1 ? "problem" : "problems"} found\n`);
      }
      return problems.length === 0 ? EXIT.ok : EXIT.failed;
    }
    case "replay": {
      const parsed = readCommandArgs("catalog replay", USAGE, rest, { ...JSON_FLAG, file: { type: "string" } }, io);
      if ("exitCode" in parsed) return parsed.exitCode;
      const [path] = operands(sub, parsed.positionals, ["PATH"]);
      const target = at(path!);
      let isDir = false;
      try {
        isDir = statSync(target).isDirectory();
      } catch (cause) {
        throw new HeadscoutError(`cannot read ${path}`, { cause });
      }
      if (!isDir) throw new HeadscoutError(`${path} is not a folder of versions or a git repository`);
      const versions = isGitRepository(target) ? readGitVersions(target, parsed.values.file) : readFolderVersions(target);
      const report = replayVersions(versions);
      io.stdout(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplay(report));
      const s = report.summary;
      const ok = s.parsed === s.versions && s.reproduced + s.refused === s.additions;
      return ok ? EXIT.ok : EXIT.failed;
    }
    case "help":
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return EXIT.ok;
    case undefined:
      io.stderr(USAGE);
      return EXIT.usage;
    default:
      io.stderr(`headscout catalog: unknown subcommand '${sub}'\n\n${USAGE}`);
      return EXIT.usage;
  }
});

function formatReplay(report: ReplayReport): string {
  const lines: string[] = [];
  for (const v of report.versions) {
    let line = `${v.name}  ${v.format.padEnd(8)} ${String(v.entries).padStart(4)} entries  ${v.parses ? "parses" : "DOES NOT PARSE"}`;
    const a = v.addition;
    if (a) {
      const verdict = a.refused ? `refused as a duplicate: ${a.refused}` : a.error ? `FAILED: ${a.error}` : a.byteIdentical ? "byte-identical" : a.reproduced ? `reproduced (${[...new Set(a.differences.map((d) => d.kind))].join(", ")})` : "NOT reproduced";
      line += `  +${a.added} added: ${verdict}`;
    }
    lines.push(line);
    for (const p of v.problems.slice(0, 5)) lines.push(`    ${p}`);
  }
  const s = report.summary;
  lines.push(
    "",
    `${s.parsed}/${s.versions} versions parse; ${s.additions} pure additions, ${s.reproduced} reproduced, ${s.byteIdentical} byte-identical to the maintainers' version` +
      (s.refused > 0 ? `, ${s.refused} refused because they re-add a paper the catalog has` : ""),
  );
  return `${lines.join("\n")}\n`;
}
