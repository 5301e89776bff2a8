import type { CatalogDocument, LinkBadge, ParsedEntry, Problem, RowTemplate, Section, TagBadge } from "../../document.ts";
import { deriveIdentityKeys } from "../../identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { parseShieldsBadge } from "../../shields.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { linkKindFromWord, parseBrSummary, parseSequence, readTagBadge } from "../common.ts";
import { closeDetails, readHeading, sectionFor, type Heading } from "../sections.ts";
import type { Entry } from "../../entry.ts";

export const HTML_TAG = /<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>/;
export const HTML_LINK = /<a\s+href="([^"]+)"\s*>\s*<img\s+src="([^"]+)"\s+alt="([^"]*)"\s*\/?>\s*<\/a>/;
const CELL = /<td\b([^>]*)>([\s\S]*?)<\/td>/g;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/** Reads every `<table>` whose header names a date column: two `<tr>` per paper (rowspan="2" row, colspan="3" summary row). */
export function parseHtml(lines: readonly string[], registry: HeadRegistry): Parsed {
  const out: Parsed = { sections: [], entries: [], problems: [] };
  let heading: Heading | undefined;
  for (let i = 0; i < lines.length; i++) {
    const h = readHeading(lines, i);
    if (h) {
      heading = h;
      continue;
    }
    if (!/^\s*<table\b/.test(lines[i]!)) continue;
    let close = i + 1;
    while (close < lines.length && !lines[close]!.includes("</table>")) close++;
    if (close === lines.length) close = -1;
    if (close < 0) {
      out.problems.push({ line: i + 1, kind: "unparsable-row", message: "<table> is never closed" });
      break;
    }
    readTable(lines, i, close, heading, registry, out);
    heading = undefined;
    i = close;
  }
  return out;
}

function rowBlocks(lines: readonly string[], from: number, to: number): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  for (let i = from; i < to; i++) {
    if (!/^\s*<tr\b/.test(lines[i]!)) continue;
    let j = i;
    while (j < to && !/<\/tr>/.test(lines[j]!)) j++;
    blocks.push({ start: i, end: j + 1 });
    i = j;
  }
  return blocks;
}

function readTable(lines: readonly string[], open: number, close: number, heading: Heading | undefined, registry: HeadRegistry, out: Parsed): void {
  const blocks = rowBlocks(lines, open + 1, close);
  const header = blocks[0];
  if (!header) return;
  const headerText = lines.slice(header.start, header.end).join("\n");
  const columns = [...headerText.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, "").trim().toLowerCase());
  const col = {
    date: columns.findIndex((c) => c.includes("date")),
    title: columns.findIndex((c) => c.includes("paper") || c.includes("title")),
    tags: columns.findIndex((c) => c.includes("tag")),
    links: columns.findIndex((c) => c.includes("link")),
  };
  if (col.date < 0 || col.title < 0) return;
  const info = sectionFor(heading);
  let end = close + 1;
  if (heading?.details) end = closeDetails(lines, close + 1) ?? end;
  const section: Section = {
    ...(info.title !== undefined && { title: info.title }),
    ...(info.from !== undefined && { from: info.from }),
    ...(info.to !== undefined && { to: info.to }),
    headStart: info.headStart ?? open,
    bodyStart: header.end,
    bodyEnd: close,
    end,
    entries: [],
  };
  const sectionIndex = out.sections.push(section) - 1;
  for (let b = 1; b < blocks.length; b++) {
    const row = blocks[b]!;
    const rowText = lines.slice(row.start, row.end).join("\n");
    if (!/rowspan="2"/.test(rowText)) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "table row is neither a paper row (rowspan=\"2\") nor its summary row" });
      continue;
    }
    const summaryRow = blocks[b + 1];
    const summaryText = summaryRow ? lines.slice(summaryRow.start, summaryRow.end).join("\n") : "";
    if (!summaryRow || !/colspan=/.test(summaryText) || lines.slice(row.end, summaryRow.start).some((l) => l.trim() !== "")) {
      out.problems.push({ line: row.start + 1, kind: "unparsable-row", message: "paper row is not followed by its summary row (colspan)" });
      continue;
    }
    b++;
    const parsed = readPaper(lines, row.start, summaryRow.end, col, registry);
    if ("problem" in parsed) {
      out.problems.push(parsed.problem);
      continue;
    }
    out.problems.push(...parsed.problems);
    section.entries.push(out.entries.length);
    out.entries.push({ ...parsed.parsed, section: sectionIndex, entry: { ...parsed.parsed.entry, ...(section.title !== undefined && { section: section.title }) } });
  }
}

type Columns = { date: number; title: number; tags: number; links: number };

function readPaper(
  lines: readonly string[],
  start: number,
  end: number,
  col: Columns,
  registry: HeadRegistry,
): { parsed: Omit<ParsedEntry, "section">; problems: Problem[] } | { problem: Problem } {
  const text = lines.slice(start, end).join("\n");
  const line = start + 1;
  const fail = (message: string) => ({ problem: { line, kind: "unparsable-row" as const, message } });
  const cells = [...text.matchAll(CELL)];
  const summaryCell = cells.findIndex((c) => /colspan=/.test(c[1]!));
  if (summaryCell < 0) return fail("paper has no summary cell");
  const paperCells = cells.slice(0, summaryCell);
  const spans: { from: number; to: number; slot: RowTemplate["parts"][number] & object }[] = [];
  const contentStart = (c: RegExpExecArray | RegExpMatchArray) => c.index! + c[0].indexOf(">") + 1;

  const dateCell = paperCells[col.date];
  const dateM = dateCell && /^(\s*)(\d{4}-\d{2}-\d{2})\s*$/.exec(dateCell[2]!.trimEnd());
  if (!dateCell || !dateM) return fail(`paper row has no YYYY-MM-DD date cell`);
  spans.push({ from: contentStart(dateCell) + dateM[1]!.length, to: contentStart(dateCell) + dateM[1]!.length + dateM[2]!.length, slot: { slot: "date" } });

  const titleCell = paperCells[col.title];
  const titleM = titleCell && /^(\s*<strong>)([\s\S]*?)<\/strong>$/.exec(titleCell[2]!.trimEnd());
  if (!titleCell || !titleM) return fail("paper title is not a <strong> cell");
  const titleFrom = contentStart(titleCell) + titleM[1]!.length;
  spans.push({ from: titleFrom, to: titleFrom + titleM[2]!.length, slot: { slot: "title" } });
  const rawTitle = titleM[2]!;
  const title = cleanText(unescapeText(rawTitle, "html"));
  if (!title) return fail("paper title is empty");

  const problems: Problem[] = [];
  const tags: TagBadge[] = [];
  let tagSeps: string[] = [""];
  const tagCell = paperCells[col.tags];
  if (tagCell) {
    const seq = parseSequence(tagCell[2]!, HTML_TAG);
    if (!seq) return fail(`tag cell holds something other than badges: ${cleanText(tagCell[2]!).slice(0, 80)}`);
    for (const m of seq.items) {
      const read = readTagBadge(unescapeText(m[1]!, "html"), m[2]!, registry, line);
      if ("problem" in read) return { problem: read.problem };
      tags.push(read.badge);
      problems.push(...read.problems);
    }
    tagSeps = seq.seps;
    spans.push({ from: contentStart(tagCell), to: contentStart(tagCell) + tagCell[2]!.length, slot: { slot: "tags" } });
  }

  const links: LinkBadge[] = [];
  let linkSeps: string[] = [""];
  const linkCell = paperCells[col.links];
  if (linkCell) {
    const seq = parseSequence(linkCell[2]!, HTML_LINK);
    if (!seq) return fail(`link cell holds something other than linked badges: ${cleanText(linkCell[2]!).slice(0, 80)}`);
    for (const m of seq.items) {
      const url = unescapeText(m[1]!, "html");
      const badge = parseShieldsBadge(unescapeText(m[2]!, "html"));
      if (!badge) return { problem: { line, kind: "undecodable-badge", message: `link badge ${m[2]} does not decode` } };
      const [label, message = ""] = badge.parts.length >= 2 ? badge.parts : [badge.parts[0]!, ""];
      const kind = linkKindFromWord(message || m[3]!.replace(/\s*badge$/i, ""));
      links.push({ kind, label: label!, url, markup: m[0], message: badge.rawParts.slice(1).join("-"), color: badge.color, query: badge.query, alt: m[3]! });
    }
    linkSeps = seq.seps;
    spans.push({ from: contentStart(linkCell), to: contentStart(linkCell) + linkCell[2]!.length, slot: { slot: "links" } });
  }

  const sCell = cells[summaryCell]!;
  const { layout, summary } = parseBrSummary("", sCell[2]!, "", "html");
  spans.push({ from: contentStart(sCell), to: contentStart(sCell) + sCell[2]!.length, slot: { slot: "summary" } });

  spans.sort((a, b) => a.from - b.from);
  const parts: RowTemplate["parts"] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.from), span.slot);
    at = span.to;
  }
  parts.push(text.slice(at));

  const entryLinks = links.map(({ kind, label, url }) => ({ kind, label, url }));
  const entry: Entry = {
    date: dateM[2]!,
    title,
    summary,
    tags: tags.map((t) => t.name),
    links: entryLinks,
    ids: deriveIdentityKeys(title, entryLinks),
  };
  return { parsed: { entry, start, end, template: { parts, tags, tagSeps, links, linkSeps, summary: layout, rawTitle } }, problems };
}
