import { SLOTS, type CatalogDocument, type RowTemplate, type SummaryLayout } from "../../document.ts";
import type { Entry } from "../../entry.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { parseBrSummary, parseListSummary, plainLinks, readLinkCell, readTagCell, unparsable } from "../common.ts";
import { addRow, openSection, readColumns, walkTables, type Columns, type RowResult } from "../sections.ts";

/** `![alt](badge)`, as tags are written in markdown tables and bullet lists. */
export const MD_TAG = /!\[([^\]]*)\]\(([^)\s]+)\)/g;
const MD_LINK = /\[!\[([^\]]*)\]\(([^)\s]+)\)\]\(([^)\s]+)\)/g;
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/** Splits a pipe row into raw cells (`\|` stays inside its cell); `trailing` says whether the row closes with `|`. */
export function splitRow(line: string): { prefix: string; cells: string[]; suffix: string } | undefined {
  const lead = line.length - line.trimStart().length;
  if (line.charCodeAt(lead) !== 124 /* | */) return undefined;
  const prefix = line.slice(0, lead + 1);
  const cells: string[] = [];
  // A `|` right after a backslash is escaped and stays in its cell.
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
  row.cells.forEach((cell, i) => {
    if (i > 0) parts.push("|");
    if (i === col.date) parts.push(dateM[1]!, SLOTS.date, dateM[3]!);
    else if (i === col.title) parts.push(`${titleM[1]}**`, SLOTS.title, "**", SLOTS.summary, titleM[4]!);
    else if (i === col.tags) parts.push(SLOTS.tags);
    else if (i === col.links) parts.push(SLOTS.links);
    else parts.push(cell);
  });
  parts.push(row.suffix);
  return parts;
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

/** Reads a pipe row: one paper. */
function readRow(line: string, index: number, col: Columns, registry: HeadRegistry): RowResult {
  const lineNo = index + 1;
  const row = splitRow(line)!;
  const dateCell = row.cells[col.date];
  const dateM = dateCell !== undefined ? /^(\s*)(\d{4}-\d{2}-\d{2})(\s*)$/.exec(dateCell) : null;
  if (!dateM) return unparsable(lineNo, `row has no YYYY-MM-DD date: ${line.slice(0, 60)}`);
  const titleCell = row.cells[col.title];
  const titleM = titleCell !== undefined ? splitTitleCell(titleCell) : undefined;
  if (!titleM) return unparsable(lineNo, "paper cell does not start with a **bold** title");
  const rawTitle = titleM[2]!;
  const title = cleanText(unescapeText(rawTitle, "markdown"));
  const read = readSummary(titleM[3]!);
  if (!read) return unparsable(lineNo, `summary after the title is not <br><sub>…</sub> or a <ul> list`);

  const tagCell = row.cells[col.tags];
  const tags = tagCell !== undefined ? readTagCell(tagCell, MD_TAG, (m) => [m[2]!, unescapeText(m[1]!, "markdown")], registry, lineNo) : { tags: [], seps: [""], problems: [] };
  if ("problem" in tags) return tags;
  const linkCell = row.cells[col.links];
  const links = linkCell !== undefined ? readLinkCell(linkCell, MD_LINK, (m) => [m[2]!, m[1]!, m[3]!], lineNo) : { links: [], seps: [""] };
  if ("problem" in links) return links;

  const entryLinks = plainLinks(links.links);
  const entry: Entry = {
    date: dateM[2]!,
    title,
    summary: read.summary,
    tags: tags.tags.map((t) => t.name),
    links: entryLinks,
    ids: deriveIdentityKeys(title, entryLinks),
  };
  const template: RowTemplate = { parts: rowParts(row, col, dateM, titleM), tags: tags.tags, tagSeps: tags.seps, links: links.links, linkSeps: links.seps, summary: read.layout, rawTitle };
  return { parsed: { entry, start: index, end: index + 1, template }, problems: tags.problems };
}
