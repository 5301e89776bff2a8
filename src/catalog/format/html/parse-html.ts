import { SLOTS, type CatalogDocument, type RowTemplate, type Slot } from "../../document.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { parseBrSummary, plainLinks, readLinkCell, readTagCell, unparsable } from "../common.ts";
import { addRow, closeDetails, openSection, readColumns, walkTables, type Columns, type Heading, type RowResult } from "../sections.ts";

const HTML_TAG = /<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>/g;
const HTML_LINK = /<a\s+href="([^"]+)"\s*>\s*<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>\s*<\/a>/g;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/**
 * Reads every `<table>` whose header names a date column: two `<tr>` per paper (rowspan="2" row,
 * colspan="3" summary row). `text` is the document the lines were split from.
 */
export function parseHtml(lines: readonly string[], registry: HeadRegistry, text: string): Parsed {
  const out: Parsed = { sections: [], entries: [], problems: [] };
  const source: Source = { lines, text, starts: lineStarts(lines) };
  walkTables(
    lines,
    (i) => /^\s*<table\b/.test(lines[i]!),
    (i, heading) => {
      const close = findLine(lines, "</table>", i + 1, lines.length);
      if (close === lines.length) {
        out.problems.push({ line: i + 1, kind: "unparsable-row", message: "<table> is never closed" });
        return lines.length;
      }
      readTable(source, i, close, heading, registry, out);
      return close + 1;
    },
  );
  return out;
}

/** A document's lines, and where each starts in its text (plus where a line after the last would): a paper's rows are cut from the text. */
interface Source {
  lines: readonly string[];
  text: string;
  starts: number[];
}

function lineStarts(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length + 1);
  starts[0] = 0;
  for (let i = 0; i < lines.length; i++) starts[i + 1] = starts[i]! + lines[i]!.length + 1;
  return starts;
}

/** The first line in [from, to) that holds `marker`, or `to`. */
function findLine(lines: readonly string[], marker: string, from: number, to: number): number {
  let i = from;
  while (i < to && !lines[i]!.includes(marker)) i++;
  return i;
}

/**
 * The `<tr>` … `</tr>` line blocks between two lines (a block starts on a line that opens with
 * `<tr`). A bare `<tr>` line followed by another `<tr` line is a stray (the real catalog had one
 * for months): it is left outside the row, so a new row styled on this one does not copy it.
 */
function rowBlocks(lines: readonly string[], from: number, to: number): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  for (let i = from; i < to; i++) {
    if (!/^\s*<tr\b/.test(lines[i]!)) continue;
    if (/^\s*<tr\b[^>]*>\s*$/.test(lines[i]!) && i + 1 < to && /^\s*<tr\b/.test(lines[i + 1]!)) continue;
    const end = findLine(lines, "</tr>", i, to);
    blocks.push({ start: i, end: end + 1 });
    i = end;
  }
  return blocks;
}

function blankLines(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (lines[i]!.trim() !== "") return false;
  return true;
}

function someLineHolds(lines: readonly string[], block: { start: number; end: number }, marker: string): boolean {
  return findLine(lines, marker, block.start, block.end) < block.end;
}

function readTable(source: Source, open: number, close: number, heading: Heading | undefined, registry: HeadRegistry, out: Parsed): void {
  const { lines } = source;
  const blocks = rowBlocks(lines, open + 1, close);
  const header = blocks[0];
  if (!header) return;
  const headerText = lines.slice(header.start, header.end).join("\n");
  const col = readColumns([...headerText.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, "").trim()));
  if (!col) return;
  let end = close + 1;
  if (heading?.details) end = closeDetails(lines, close + 1) ?? end;
  const sectionIndex = openSection(out, heading, { headStart: open, bodyStart: header.end, bodyEnd: close, end });
  for (let b = 1; b < blocks.length; b++) {
    const row = blocks[b]!;
    if (!someLineHolds(lines, row, 'rowspan="2"')) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "table row is neither a paper row (rowspan=\"2\") nor its summary row" });
      continue;
    }
    const summaryRow = blocks[b + 1];
    if (!summaryRow || !someLineHolds(lines, summaryRow, "colspan=") || !blankLines(lines, row.end, summaryRow.start)) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "paper row is not followed by its summary row (colspan)" });
      continue;
    }
    b++;
    addRow(out, sectionIndex, readPaper(source, row.start, summaryRow.end, col, registry));
  }
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

/** The `<td …>…</td>` cells of a row, in order; reading stops at a cell that is never closed. */
function scanCells(text: string): Cell[] {
  const cells: Cell[] = [];
  for (let at = text.indexOf("<td"); at >= 0; at = text.indexOf("<td", at)) {
    // `<td` must be the whole tag name (not `<tdx`).
    if (!/[ \t\n>]/.test(text[at + 3] ?? "")) {
      at += 3;
      continue;
    }
    const gt = text.indexOf(">", at);
    const close = gt < 0 ? -1 : text.indexOf("</td>", gt);
    if (close < 0) break;
    const colspan = text.indexOf("colspan=", at);
    cells.push({ content: text.slice(gt + 1, close), from: gt + 1, colspan: colspan >= 0 && colspan < gt });
    at = close + 5;
  }
  return cells;
}

type Span = { from: number; to: number; slot: Slot };

/** A row's text with its slots cut out: the literal markup between and around them. `spans` is indexed by cell. */
function cutParts(text: string, spans: (Span | undefined)[]): RowTemplate["parts"] {
  const parts: RowTemplate["parts"] = [];
  let at = 0;
  for (const span of spans) {
    if (!span) continue;
    parts.push(text.slice(at, span.from), span.slot);
    at = span.to;
  }
  parts.push(text.slice(at));
  return parts;
}

/** The span of a cell's whole content. */
function spanOf(cell: Cell, slot: Slot): Span {
  return { from: cell.from, to: cell.from + cell.content.length, slot };
}

/** Reads a paper's two rows: lines [start, end). */
function readPaper(source: Source, start: number, end: number, col: Columns, registry: HeadRegistry): RowResult {
  const text = source.text.slice(source.starts[start], source.starts[end]! - 1);
  const line = start + 1;
  const cells = scanCells(text);
  const summaryAt = cells.findIndex((c) => c.colspan);
  if (summaryAt < 0) return unparsable(line, "paper has no summary cell");
  const paperCells = cells.slice(0, summaryAt);

  const dateCell = paperCells[col.date];
  const dateM = dateCell && /^(\s*)(\d{4}-\d{2}-\d{2})\s*$/.exec(dateCell.content.trimEnd());
  if (!dateCell || !dateM) return unparsable(line, `paper row has no YYYY-MM-DD date cell`);
  const dateFrom = dateCell.from + dateM[1]!.length;
  // Indexed by cell, so that they are in the order the cells come in.
  const spans: (Span | undefined)[] = [];
  spans[col.date] = { from: dateFrom, to: dateFrom + dateM[2]!.length, slot: SLOTS.date };

  const titleCell = paperCells[col.title];
  const titleM = titleCell && strongContent(titleCell.content);
  if (!titleCell || !titleM) return unparsable(line, "paper title is not a <strong> cell");
  const rawTitle = titleM[2]!;
  const titleFrom = titleCell.from + titleM[1]!.length;
  spans[col.title] = { from: titleFrom, to: titleFrom + rawTitle.length, slot: SLOTS.title };
  const title = cleanText(unescapeText(rawTitle, "html"));
  if (!title) return unparsable(line, "paper title is empty");

  const tagCell = paperCells[col.tags];
  const tags = tagCell ? readTagCell(tagCell.content, HTML_TAG, (m) => [unescapeText(m[1]!, "html"), m[2]!], registry, line) : { tags: [], seps: [""], problems: [] };
  if ("problem" in tags) return tags;
  if (tagCell) spans[col.tags] = spanOf(tagCell, SLOTS.tags);

  const linkCell = paperCells[col.links];
  const links = linkCell ? readLinkCell(linkCell.content, HTML_LINK, (m) => [unescapeText(m[2]!, "html"), m[3]!, unescapeText(m[1]!, "html")], line) : { links: [], seps: [""] };
  if ("problem" in links) return links;
  if (linkCell) spans[col.links] = spanOf(linkCell, SLOTS.links);

  const summaryCell = cells[summaryAt]!;
  const { layout, summary } = parseBrSummary("", summaryCell.content, "", "html");
  spans[summaryAt] = spanOf(summaryCell, SLOTS.summary);

  const entryLinks = plainLinks(links.links);
  const entry = { date: dateM[2]!, title, summary, tags: tags.tags.map((t) => t.name), links: entryLinks, ids: deriveIdentityKeys(title, entryLinks) };
  const template: RowTemplate = { parts: cutParts(text, spans), tags: tags.tags, tagSeps: tags.seps, links: links.links, linkSeps: links.seps, summary: layout, rawTitle };
  return { parsed: { entry, start, end, template }, problems: tags.problems };
}
