import { SLOTS, type CatalogDocument, type LinkBadge, type ParsedEntry, type Problem, type RowTemplate, type SummaryLayout, type TagBadge } from "../../document.ts";
import type { Entry } from "../../entry.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { LazyTemplate, exact, parseBrSummary, parseListSummary, parseSequence, plainLinks, readLinkBadge, readTagBadge, tagNames } from "../common.ts";
import { addRow, openSection, readColumns, walkTables, type Columns } from "../sections.ts";

export const MD_TAG = /!\[([^\]]*)\]\(([^)\s]+)\)/;
export const MD_LINK = /\[!\[([^\]]*)\]\(([^)\s]+)\)\]\(([^)\s]+)\)/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/** Splits a pipe row into raw cells (`\|` stays inside its cell); `trailing` says whether the row closes with `|`. */
export function splitRow(line: string): { prefix: string; cells: string[]; suffix: string } | undefined {
  const lead = line.length - line.trimStart().length;
  if (line.charCodeAt(lead) !== 124 /* | */) return undefined;
  const prefix = line.slice(0, lead + 1);
  const cells: string[] = [];
  // Cells are cut with indexOf and slice: building them a character at a time leaves a chain of
  // one-character strings per cell. A `|` right after a backslash is escaped and stays in its cell.
  let from = lead + 1;
  for (let bar = line.indexOf("|", from); bar >= 0; bar = line.indexOf("|", bar + 1)) {
    if (line.charCodeAt(bar - 1) === 92 /* \ */) continue;
    cells.push(line.slice(from, bar));
    from = bar + 1;
  }
  const last = line.slice(from);
  if (last.trim() === "" && cells.length > 0) return { prefix, cells, suffix: `|${last}` };
  cells.push(last);
  return { prefix, cells, suffix: "" };
}

/** Reads every pipe table whose header names a date column: one row per paper. */
export function parseMarkdown(lines: readonly string[], registry: HeadRegistry): Parsed {
  const out: Parsed = { sections: [], entries: [], problems: [] };
  walkTables(
    lines,
    (i) => /^\s*\|/.test(lines[i]!) && DELIMITER_ROW.test(lines[i + 1] ?? ""),
    (i, heading) => {
      let end = i + 2;
      while (end < lines.length && /^\s*\|/.test(lines[end]!)) end++;
      const col = readColumns(splitRow(lines[i]!)!.cells.map((c) => c.trim()));
      if (col) {
        const sectionIndex = openSection(out, heading, { headStart: i, bodyStart: i + 2, bodyEnd: end, end });
        for (let r = i + 2; r < end; r++) addRow(out, sectionIndex, readRow(lines[r]!, r, col, registry));
      }
      return end;
    },
  );
  return out;
}


function unparsable(line: number, message: string): { problem: Problem } {
  return { problem: { line, kind: "unparsable-row", message } };
}

/** `  **Title**<br><sub>…</sub> ` → [, lead, title, rest, trail] (the closing `**` is the first unescaped one). */
function splitTitleCell(cell: string): [string, string, string, string, string] | undefined {
  const lead = cell.length - cell.trimStart().length;
  if (!cell.startsWith("**", lead)) return undefined;
  let end = lead + 2;
  for (;;) {
    end = cell.indexOf("**", end);
    if (end < 0) return undefined;
    let slashes = 0;
    for (let k = end - 1; k >= 0 && cell[k] === "\\"; k--) slashes++;
    if (slashes % 2 === 0 && end > lead + 2) break;
    end++;
  }
  const rest = cell.slice(end + 2);
  const trail = rest.slice(rest.trimEnd().length);
  return [cell, cell.slice(0, lead), cell.slice(lead + 2, end), rest.slice(0, rest.length - trail.length), trail];
}

/** A pipe row's markup with its slots cut out: the cells it does not read stay as they are. */
function rowParts(
  row: { prefix: string; cells: string[]; suffix: string },
  col: Columns,
  dateM: RegExpExecArray,
  titleM: [string, string, string, string, string],
): RowTemplate["parts"] {
  const parts: RowTemplate["parts"] = [row.prefix];
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i]!;
    if (i > 0) parts.push("|");
    if (i === col.date) parts.push(dateM[1]!, SLOTS.date, dateM[3]!);
    else if (i === col.title) parts.push(`${titleM[1]}**`, SLOTS.title, "**", SLOTS.summary, titleM[4]!);
    else if (i === col.tags) parts.push(SLOTS.tags);
    else if (i === col.links) parts.push(SLOTS.links);
    else parts.push(c);
  }
  parts.push(row.suffix);
  return exact(parts);
}

function readSummary(rest: string): { layout: SummaryLayout; summary: Entry["summary"] } | undefined {
  if (rest.trim() === "") return { layout: { open: rest, close: "", pre: [], post: [], seps: [], raw: [] }, summary: { kind: "none" } };
  const sub = /^(\s*<br\s*\/?>\s*<sub>)([\s\S]*)(<\/sub>\s*)$/.exec(rest);
  if (sub) return parseBrSummary(sub[1]!, sub[2]!, sub[3]!, "markdown");
  const list = /^(\s*<br\s*\/?>\s*(?:<small>\s*)?<ul>\s*)([\s\S]*?)(\s*<\/ul>\s*(?:<\/small>\s*)?)$/.exec(rest);
  if (list) return parseListSummary(list[1]!, list[2]!, list[3]!, "markdown");
  const br = /^(\s*<br\s*\/?>\s*)([\s\S]*)$/.exec(rest);
  if (br) return parseBrSummary(br[1]!, br[2]!, "", "markdown");
  return undefined;
}

/** A pipe row's template, read again from its line when its parts or summary layout are first needed. */
class LazyMarkdownTemplate extends LazyTemplate {
  constructor(
    tags: TagBadge[],
    tagSeps: string[],
    links: LinkBadge[],
    linkSeps: string[],
    rawTitle: string,
    private readonly line: string,
    private readonly index: number,
    private readonly col: Columns,
    private readonly registry: HeadRegistry,
  ) {
    super(tags, tagSeps, links, linkSeps, rawTitle);
  }

  protected override readAgain(): RowTemplate {
    const read = readRow(this.line, this.index, this.col, this.registry, true);
    if ("problem" in read) throw new Error(`line ${this.index + 1} no longer parses: ${read.problem.message}`);
    return read.parsed.template;
  }
}

/** Reads a pipe row. Its template's parts and summary layout are left to be read on first use unless `complete`. */
function readRow(
  line: string,
  index: number,
  col: Columns,
  registry: HeadRegistry,
  complete = false,
): { parsed: Omit<ParsedEntry, "section">; problems: Problem[] } | { problem: Problem } {
  const lineNo = index + 1;
  const row = splitRow(line)!;
  const dateCell = (col.date >= 0 ? row.cells[col.date] : undefined);
  const dateM = dateCell !== undefined ? /^(\s*)(\d{4}-\d{2}-\d{2})(\s*)$/.exec(dateCell) : null;
  if (!dateM) return unparsable(lineNo, `row has no YYYY-MM-DD date: ${line.slice(0, 60)}`);
  const titleCell = (col.title >= 0 ? row.cells[col.title] : undefined);
  const titleM = titleCell !== undefined ? splitTitleCell(titleCell) : undefined;
  if (!titleM) return unparsable(lineNo, "paper cell does not start with a **bold** title");
  const rawTitle = titleM[2]!;
  const title = cleanText(unescapeText(rawTitle, "markdown"));
  const read = readSummary(titleM[3]!);
  if (!read) return unparsable(lineNo, `summary after the title is not <br><sub>…</sub> or a <ul> list`);

  const problems: Problem[] = [];
  const tags: TagBadge[] = [];
  let tagSeps = [""];
  const tagCell = (col.tags >= 0 ? row.cells[col.tags] : undefined);
  if (tagCell !== undefined) {
    const seq = parseSequence(tagCell, MD_TAG);
    if (!seq) return unparsable(lineNo, `tag cell holds something other than badges: ${tagCell.trim().slice(0, 80)}`);
    for (const m of seq.items) {
      const r = readTagBadge(m[2]!, unescapeText(m[1]!, "markdown"), registry, lineNo);
      if ("problem" in r) return { problem: r.problem };
      tags.push(r.badge);
      problems.push(...r.problems);
    }
    tagSeps = seq.seps;
  }
  const links: LinkBadge[] = [];
  let linkSeps = [""];
  const linkCell = (col.links >= 0 ? row.cells[col.links] : undefined);
  if (linkCell !== undefined) {
    const seq = parseSequence(linkCell, MD_LINK);
    if (!seq) return unparsable(lineNo, `link cell holds something other than linked badges: ${linkCell.trim().slice(0, 80)}`);
    for (const m of seq.items) {
      const link = readLinkBadge(m[2]!, m[1]!, m[3]!, m[0], lineNo);
      if ("problem" in link) return link;
      links.push(link);
    }
    linkSeps = seq.seps;
  }

  const entryLinks = plainLinks(links);
  const entry: Entry = {
    date: dateM[2]!,
    title,
    summary: read.summary,
    tags: tagNames(tags),
    links: entryLinks,
    ids: deriveIdentityKeys(title, entryLinks),
  };
  const template: RowTemplate = complete
    ? { parts: rowParts(row, col, dateM, titleM), tags: exact(tags), tagSeps, links: exact(links), linkSeps, summary: read.layout, rawTitle }
    : new LazyMarkdownTemplate(exact(tags), tagSeps, exact(links), linkSeps, rawTitle, line, index, col, registry);
  return { parsed: { entry, start: index, end: index + 1, template }, problems };
}
