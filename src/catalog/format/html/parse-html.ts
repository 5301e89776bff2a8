import { SLOTS, type CatalogDocument, type LineList, type TextLines, type LinkBadge, type ParsedEntry, type Problem, type RowTemplate, type TagBadge } from "../../document.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { LazyTemplate, exact, parseBrSummary, parseSequence, plainLinks, readLinkBadge, readTagBadge, sharedSeps, sharedTags } from "../common.ts";
import { addRow, closeDetails, openSection, readColumns, walkTables, type Columns, type Heading } from "../sections.ts";
import type { Entry } from "../../entry.ts";

export const HTML_TAG = /<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>/;
export const HTML_LINK = /<a\s+href="([^"]+)"\s*>\s*<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>\s*<\/a>/;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/**
 * Reads every `<table>` whose header names a date column: two `<tr>` per paper (rowspan="2" row, colspan="3" summary row).
 * A row's text is cut from the document text rather than re-joined from its lines.
 */
export function parseHtml(lines: TextLines, registry: HeadRegistry): Parsed {
  const out: Parsed = { sections: [], entries: [], problems: [] };
  walkTables(
    lines,
    (i) => startsTable(lines.at(i)!),
    (i, heading) => {
      // One search of the text rather than a slice of every line in the table.
      const close = lines.findLine("</table>", i + 1);
      if (close === lines.length) {
        out.problems.push({ line: i + 1, kind: "unparsable-row", message: "<table> is never closed" });
        return lines.length;
      }
      readTable(lines, i, close, heading, registry, out);
      return close + 1;
    },
  );
  return out;
}

function startsTable(line: string): boolean {
  return line.includes("<table") && /^\s*<table\b/.test(line);
}

/** The `<tr>` … `</tr>` line blocks between two lines (a block starts on a line that opens with `<tr`). */
function rowBlocks(lines: LineList, from: number, to: number): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  for (let i = from; i < to; i++) {
    const line = lines.at(i)!;
    if (!line.includes("<tr") || !/^\s*<tr\b/.test(line)) continue;
    let j = i;
    while (j < to && !lines.at(j)!.includes("</tr>")) j++;
    blocks.push({ start: i, end: j + 1 });
    i = j;
  }
  return blocks;
}

/** Whether any line in [start, end) holds `marker`. */
function anyLineHolds(lines: LineList, start: number, end: number, marker: string): boolean {
  for (let k = start; k < end; k++) if (lines.at(k)!.includes(marker)) return true;
  return false;
}

function readTable(lines: TextLines, open: number, close: number, heading: Heading | undefined, registry: HeadRegistry, out: Parsed): void {
  const blocks = rowBlocks(lines, open + 1, close);
  const header = blocks[0];
  if (!header) return;
  const headerText = lines.slice(header.start, header.end).join("\n");
  const col = readColumns([...headerText.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, "").trim()));
  if (!col) return;
  let end = close + 1;
  if (heading?.details) end = closeDetails(lines, close + 1) ?? end;
  const sectionIndex = openSection(out, heading, { headStart: open, bodyStart: header.end, bodyEnd: close, end });
  const place: Place = { index: sectionIndex, title: out.sections[sectionIndex]!.title };
  for (let b = 1; b < blocks.length; b++) {
    const row = blocks[b]!;
    if (!anyLineHolds(lines, row.start, row.end, 'rowspan="2"')) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "table row is neither a paper row (rowspan=\"2\") nor its summary row" });
      continue;
    }
    const summaryRow = blocks[b + 1];
    const hasColspan = summaryRow !== undefined && anyLineHolds(lines, summaryRow.start, summaryRow.end, "colspan=");
    let between = false;
    for (let k = row.end; summaryRow && k < summaryRow.start; k++) between ||= lines.at(k)!.trim() !== "";
    if (!summaryRow || !hasColspan || between) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "paper row is not followed by its summary row (colspan)" });
      continue;
    }
    b++;
    addRow(out, sectionIndex, readPaper(lines, row.start, summaryRow.end, col, registry, place));
  }
}

function unparsable(line: number, message: string): { problem: Problem } {
  return { problem: { line, kind: "unparsable-row", message } };
}

// Hot-path helpers live at module level: tsx names every closure it creates, which costs more than the work.
function byStart(a: { from: number }, b: { from: number }): number {
  return a.from - b.from;
}

function inOrder(spans: readonly { from: number }[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k]!.from < spans[k - 1]!.from) return false;
  return true;
}

/** `  <strong>Title</strong> ` → [, "  <strong>", "Title"], or undefined. */
function strongContent(cell: string): [string, string, string] | undefined {
  const open = cell.indexOf("<strong>");
  const close = cell.lastIndexOf("</strong>");
  if (open < 0 || close < open || cell.slice(0, open).trim() !== "" || cell.slice(close + 9).trim() !== "") return undefined;
  return [cell, cell.slice(0, open + 8), cell.slice(open + 8, close)];
}

/** A `<td …>…</td>` cell of a row: its content and where that content sits in the row text. */
interface Cell {
  content: string;
  from: number;
  colspan: boolean;
}

/** The `<td …>…</td>` cells of a row, found with indexOf (a regex here dominates parse time). */
function scanCells(text: string): Cell[] {
  const cells: Cell[] = [];
  let at = 0;
  // The next `colspan=` at or after the current cell (-1: none), found once rather than per cell.
  let colspan = -2;
  for (;;) {
    const open = text.indexOf("<td", at);
    if (open < 0) return cells;
    const next = text.charCodeAt(open + 3);
    if (next !== 62 && next !== 32 && next !== 9 && next !== 10) {
      at = open + 3;
      continue;
    }
    const gt = text.indexOf(">", open);
    const close = gt < 0 ? -1 : text.indexOf("</td>", gt);
    if (close < 0) return cells;
    if (colspan !== -1 && colspan < open) colspan = text.indexOf("colspan=", open);
    cells.push({ content: text.slice(gt + 1, close), from: gt + 1, colspan: colspan >= 0 && colspan < gt });
    at = close + 5;
  }
}

/** An HTML paper's template, read again from its two rows when its parts or summary layout are first needed. */
class LazyHtmlTemplate extends LazyTemplate {
  constructor(
    tags: TagBadge[],
    tagSeps: string[],
    links: LinkBadge[],
    linkSeps: string[],
    rawTitle: string,
    private readonly rows: TextLines,
    private readonly start: number,
    private readonly end: number,
    private readonly col: Columns,
    private readonly registry: HeadRegistry,
  ) {
    super(tags, tagSeps, links, linkSeps, rawTitle);
  }

  protected override readAgain(): RowTemplate {
    const read = readPaper(this.rows, this.start, this.end, this.col, this.registry, NO_PLACE, true);
    if ("problem" in read) throw new Error(`line ${this.start + 1} no longer parses: ${read.problem.message}`);
    return read.parsed.template;
  }
}

/** A row's text with its slots cut out: the literal markup between and around them. */
function cutParts(text: string, spans: { from: number; to: number; slot: RowTemplate["parts"][number] & object }[]): RowTemplate["parts"] {
  // Columns are nearly always in date, title, tags, links order: only sort spans that are not.
  if (!inOrder(spans)) spans.sort(byStart);
  const parts: RowTemplate["parts"] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.from), span.slot);
    at = span.to;
  }
  parts.push(text.slice(at));
  return exact(parts);
}

/**
 * The section a paper lands in. Its entry and parsed row are built with it rather than given it
 * afterwards (addRow sets the same values): a property added to an object after it was created
 * goes to a separate property array, one more object per row for the garbage collector to copy.
 */
interface Place {
  index: number;
  title: string | undefined;
}

/** For a template's second reading, whose entry is not kept. */
const NO_PLACE: Place = { index: 0, title: undefined };

/**
 * Reads a paper's two rows. Its template's parts and summary layout are left to be read on first
 * use (LazyTemplate) unless `complete`.
 */
function readPaper(
  rows: TextLines,
  start: number,
  end: number,
  col: Columns,
  registry: HeadRegistry,
  place: Place,
  complete = false,
): { parsed: ParsedEntry; problems: Problem[] } | { problem: Problem } {
  // A slice of the document, not a copy: the template's literal parts are slices of it in turn.
  const text = rows.text.slice(rows.offsets[start]!, rows.offsets[end]! - 1);
  const line = start + 1;
  const cells = scanCells(text);
  let summaryCell = -1;
  for (let k = 0; k < cells.length && summaryCell < 0; k++) if (cells[k]!.colspan) summaryCell = k;
  if (summaryCell < 0) return unparsable(line, "paper has no summary cell");
  const paperCells = cells.slice(0, summaryCell);
  // Where the slots sit in the row text: only a complete reading cuts the template's parts by them.
  const spans: { from: number; to: number; slot: RowTemplate["parts"][number] & object }[] = [];

  const dateCell = paperCells[col.date];
  const dateM = dateCell && /^(\s*)(\d{4}-\d{2}-\d{2})\s*$/.exec(dateCell.content.trimEnd());
  if (!dateCell || !dateM) return unparsable(line, `paper row has no YYYY-MM-DD date cell`);
  if (complete) spans.push({ from: dateCell.from + dateM[1]!.length, to: dateCell.from + dateM[1]!.length + dateM[2]!.length, slot: SLOTS.date });

  const titleCell = paperCells[col.title];
  const titleM = titleCell && strongContent(titleCell.content);
  if (!titleCell || !titleM) return unparsable(line, "paper title is not a <strong> cell");
  const titleFrom = titleCell.from + titleM[1]!.length;
  if (complete) spans.push({ from: titleFrom, to: titleFrom + titleM[2]!.length, slot: SLOTS.title });
  const rawTitle = titleM[2]!;
  const title = cleanText(unescapeText(rawTitle, "html"));
  if (!title) return unparsable(line, "paper title is empty");

  const problems: Problem[] = [];
  const tags: TagBadge[] = [];
  let tagSeps: string[] = [""];
  const tagCell = paperCells[col.tags];
  if (tagCell) {
    const seq = parseSequence(tagCell.content, HTML_TAG);
    if (!seq) return unparsable(line, `tag cell holds something other than badges: ${cleanText(tagCell.content).slice(0, 80)}`);
    for (const m of seq.items) {
      const read = readTagBadge(unescapeText(m[1]!, "html"), m[2]!, registry, line);
      if ("problem" in read) return { problem: read.problem };
      tags.push(read.badge);
      problems.push(...read.problems);
    }
    tagSeps = sharedSeps(seq.seps);
    if (complete) spans.push({ from: tagCell.from, to: tagCell.from + tagCell.content.length, slot: SLOTS.tags });
  }

  const links: LinkBadge[] = [];
  let linkSeps: string[] = [""];
  const linkCell = paperCells[col.links];
  if (linkCell) {
    const seq = parseSequence(linkCell.content, HTML_LINK);
    if (!seq) return unparsable(line, `link cell holds something other than linked badges: ${cleanText(linkCell.content).slice(0, 80)}`);
    for (const m of seq.items) {
      const link = readLinkBadge(unescapeText(m[2]!, "html"), m[3]!, unescapeText(m[1]!, "html"), m[0], line);
      if ("problem" in link) return link;
      links.push(link);
    }
    linkSeps = sharedSeps(seq.seps);
    if (complete) spans.push({ from: linkCell.from, to: linkCell.from + linkCell.content.length, slot: SLOTS.links });
  }

  const sCell = cells[summaryCell]!;
  const { layout, summary } = parseBrSummary("", sCell.content, "", "html", complete);
  if (complete) spans.push({ from: sCell.from, to: sCell.from + sCell.content.length, slot: SLOTS.summary });

  const entryLinks = plainLinks(links);
  const date = dateM[2]!;
  const shared = sharedTags(tags);
  const ids = deriveIdentityKeys(title, entryLinks);
  const entry: Entry =
    place.title === undefined
      ? { date, title, summary, tags: shared.names, links: entryLinks, ids }
      : { date, title, summary, tags: shared.names, links: entryLinks, ids, section: place.title };
  const template: RowTemplate = complete
    ? { parts: cutParts(text, spans), tags: shared.badges, tagSeps, links: exact(links), linkSeps, summary: layout, rawTitle }
    : new LazyHtmlTemplate(shared.badges, tagSeps, exact(links), linkSeps, rawTitle, rows, start, end, col, registry);
  return { parsed: { entry, start, end, template, section: place.index }, problems };
}
