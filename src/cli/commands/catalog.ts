import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { insert } from "../../catalog/insert.ts";
import { lintCatalog } from "../../catalog/lint.ts";
import { parseCatalog } from "../../catalog/parse.ts";
import { replayVersions, type ReplayReport } from "../../catalog/replay.ts";
import { isGitRepository, readFolderVersions, readGitVersions } from "../../catalog/replay-source.ts";
import { loadVenueRegistry } from "../../catalog/venues.ts";
import { HeadscoutError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import type { CliIo } from "../io.ts";

const USAGE = `usage: headscout catalog <subcommand>

  parse FILE                    print {"format", "entries"} as JSON
  add FILE ENTRIES.json         print FILE with the entries inserted [--write: write FILE in place]
  lint FILE                     report problems; exit 1 if any [--json]
  replay PATH                   replay a folder of versions or a git repository's README history
                                [--file README.md] [--json]; exit 1 unless every version parses
                                and every pure addition is reproduced (or refused as a duplicate)
`;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new HeadscoutError(`cannot read ${what} ${path}`, { cause });
  }
}

function one(positionals: string[], count: number, usage: string): string[] {
  if (positionals.length !== count) throw new HeadscoutError(`expected ${usage}`);
  return positionals;
}

export async function runCatalog(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const at = (p: string) => resolve(io.cwd, p);
  switch (sub) {
    case "parse": {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      const [file] = one(positionals, 1, "catalog parse FILE");
      const doc = parseCatalog(readText(at(file!), "catalog"));
      io.stdout(`${JSON.stringify({ format: doc.format, entries: doc.entries.map((e) => e.entry) }, null, 2)}\n`);
      return 0;
    }
    case "add": {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { write: { type: "boolean", default: false } } });
      const [file, entriesFile] = one(positionals, 2, "catalog add FILE ENTRIES.json");
      const target = at(file!);
      const document = readText(target, "catalog");
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
      if (values.write) {
        writeFileAtomic(target, updated);
        io.stderr(`added ${entries.length} ${entries.length === 1 ? "entry" : "entries"} to ${file}\n`);
      } else io.stdout(updated);
      return 0;
    }
    case "lint": {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
      const [file] = one(positionals, 1, "catalog lint FILE");
      const doc = parseCatalog(readText(at(file!), "catalog"));
      const problems = lintCatalog(doc, loadVenueRegistry());
      if (values.json) {
        io.stdout(`${JSON.stringify({ format: doc.format, entries: doc.entries.length, sections: doc.sections.length, problems }, null, 2)}\n`);
      } else {
        const sections = doc.sections.filter((s) => s.title).map((s) => s.title);
        const where = sections.length > 0 ? ` in ${sections.length} sections (${sections.join(", ")})` : "";
        io.stdout(`${file}: ${doc.format} catalog, ${doc.entries.length} entries${where}\n`);
        for (const p of problems) io.stdout(`  line ${p.line}: ${p.kind}: ${p.message}\n`);
        io.stdout(problems.length === 0 ? "no problems found\n" : `${problems.length} ${problems.length === 1 ? "problem" : "problems"} found\n`);
      }
      return problems.length === 0 ? 0 : 1;
    }
    case "replay": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: "boolean", default: false }, file: { type: "string" } },
      });
      const [path] = one(positionals, 1, "catalog replay PATH");
      const target = at(path!);
      let isDir = false;
      try {
        isDir = statSync(target).isDirectory();
      } catch (cause) {
        throw new HeadscoutError(`cannot read ${path}`, { cause });
      }
      if (!isDir) throw new HeadscoutError(`${path} is not a folder of versions or a git repository`);
      const versions = isGitRepository(target) ? readGitVersions(target, values.file) : readFolderVersions(target);
      const report = replayVersions(versions);
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplay(report));
      const s = report.summary;
      const ok = s.parsed === s.versions && s.reproduced + s.refused === s.additions;
      return ok ? 0 : 1;
    }
    case undefined:
    case "help":
    case "--help":
      io.stdout(USAGE);
      return sub ? 0 : 2;
    default:
      io.stderr(`headscout catalog: unknown subcommand '${sub}'\n\n${USAGE}`);
      return 2;
  }
}

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
