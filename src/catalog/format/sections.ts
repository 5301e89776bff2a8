import type { CatalogDocument, ParsedEntry, Problem, Section } from "../document.ts";
import { sectionRange } from "./common.ts";

/** A heading seen while walking a document: `### Year 2024`, `<strong>Year 2025</strong>`, a `<details>` summary. */
export interface Heading {
  title: string;
  /** First line of the heading block (the `<details>` line when the heading is a summary inside one). */
  start: number;
  /** Whether it opened a `<details>` block the section must close. */
  details: boolean;
}

const MD_HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const STRONG_LINE = /^\s*<strong>(.*?)<\/strong>\s*$/;
const SUMMARY_LINE = /^\s*<summary>\s*(?:<strong>|<b>)?(.*?)(?:<\/strong>|<\/b>)?\s*<\/summary>\s*$/;

/** The heading a line starts, if any. */
function readHeading(lines: readonly string[], i: number): Heading | undefined {
  const line = lines[i]!;
  const md = MD_HEADING.exec(line);
  if (md) return { title: stripMarkup(md[1]!), start: i, details: false };
  const summary = SUMMARY_LINE.exec(line);
  if (summary) {
    let j = i - 1;
    while (j >= 0 && lines[j]!.trim() === "") j--;
    const details = j >= 0 && /^\s*<details\b[^>]*>\s*$/.test(lines[j]!);
    return { title: stripMarkup(summary[1]!), start: details ? j : i, details };
  }
  const strong = STRONG_LINE.exec(line);
  if (strong) return { title: stripMarkup(strong[1]!), start: i, details: false };
  return undefined;
}

function stripMarkup(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/[*_`]/g, "").trim();
}

/** Title and date range of the section a table belongs to, or none when its heading is not a year heading. */
function sectionFor(heading: Heading | undefined): { title?: string; from?: string; to?: string; headStart?: number } {
  if (!heading) return {};
  const range = sectionRange(heading.title);
  if (!range) return {};
  return { title: heading.title, ...range, headStart: heading.start };
}

/** First line after `</details>` when the section opened one (only blank lines may come between). */
export function closeDetails(lines: readonly string[], from: number): number | undefined {
  let j = from;
  while (j < lines.length && lines[j]!.trim() === "") j++;
  return j < lines.length && /^\s*<\/details>\s*$/.test(lines[j]!) ? j + 1 : undefined;
}

/** Which column holds what, from a table's header names (-1 when absent). */
export interface Columns {
  date: number;
  title: number;
  tags: number;
  links: number;
}

/** The columns of a paper table, or undefined when the header names no date or paper column. */
export function readColumns(names: readonly string[]): Columns | undefined {
  const find = (...words: string[]) => names.findIndex((n) => words.some((w) => n.toLowerCase().includes(w)));
  const col = { date: find("date"), title: find("paper", "title"), tags: find("tag"), links: find("link") };
  return col.date >= 0 && col.title >= 0 ? col : undefined;
}

type ParsedRows = Pick<CatalogDocument, "sections" | "entries" | "problems">;
export type RowResult = { parsed: Omit<ParsedEntry, "section">; problems: Problem[] } | { problem: Problem };

/** Opens the section a table belongs to (named after its year heading, if it has one). */
export function openSection(out: ParsedRows, heading: Heading | undefined, lines: { headStart: number; bodyStart: number; bodyEnd: number; end: number }): number {
  const info = sectionFor(heading);
  const section: Section = {
    ...(info.title !== undefined && { title: info.title }),
    ...(info.from !== undefined && { from: info.from }),
    ...(info.to !== undefined && { to: info.to }),
    ...lines,
    headStart: info.headStart ?? lines.headStart,
    entries: [],
  };
  return out.sections.push(section) - 1;
}

/** Records a row's result: its entry in the section, or the problem that kept it out. */
export function addRow(out: ParsedRows, sectionIndex: number, result: RowResult): void {
  if ("problem" in result) {
    out.problems.push(result.problem);
    return;
  }
  for (const p of result.problems) out.problems.push(p);
  const section = out.sections[sectionIndex]!;
  section.entries.push(out.entries.length);
  if (section.title !== undefined) result.parsed.entry.section = section.title;
  out.entries.push({ ...result.parsed, section: sectionIndex });
}

/**
 * Walks a document's lines, remembering the last heading, and hands each table start to `read`
 * (which returns the first line after the table). A heading applies to the next table only.
 */
export function walkTables(lines: readonly string[], startsTable: (i: number) => boolean, read: (i: number, heading: Heading | undefined) => number): void {
  let heading: Heading | undefined;
  for (let i = 0; i < lines.length; i++) {
    const h = readHeading(lines, i);
    if (h) heading = h;
    else if (startsTable(i)) {
      i = read(i, heading) - 1;
      heading = undefined;
    }
  }
}
