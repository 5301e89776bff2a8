import type { Entry } from "./entry.ts";

export type CatalogFormat = "bullets" | "markdown" | "html";

/** Something in a document the engine could not read, or that a maintainer should look at. */
export interface Problem {
  /** 1-based line number. */
  line: number;
  kind: "unparsable-row" | "undecodable-badge" | "date-order" | "duplicate" | "unknown-tag" | "aliased-tag" | "aliased-venue";
  message: string;
}

/** A tag badge as the document spelled it. */
export interface TagBadge {
  /** Canonical head name the badge stands for. */
  name: string;
  /** Raw badge path text before the colour (`S--Inhibition_Head`). */
  slug: string;
  color: string;
  /** Alt text (`Induction Head Badge` in HTML, usually empty in markdown). */
  alt: string;
}

/** A link badge as the document spelled it. */
export interface LinkBadge {
  kind: Entry["links"][number]["kind"];
  label: string;
  url: string;
  /** The complete markup of this link, reused verbatim when the link is unchanged. */
  markup: string;
  /** HTML/markdown tables: the badge parts after the label (`Paper`, `%23D2691E`), its query and alt. */
  message?: string;
  color?: string;
  query?: string;
  alt?: string;
  /** Bullets: the bracket text (`Paper`, `Code`). */
  text?: string;
  /** The label as the badge path spells it, when it must be encoded (new links). */
  rawLabel?: string;
}

/** How a summary is laid out inside its cell. */
export interface SummaryLayout {
  /** Around all items: `<br><sub>` … `</sub>`, or the white space inside an HTML cell. */
  open: string;
  close: string;
  /** Per item: what comes before its text (`&nbsp;&nbsp;• `, `<li><small>`, `• `) and after it. */
  pre: string[];
  post: string[];
  /** Between consecutive items (`<br>`, `<br>\n      `, ``). */
  seps: string[];
  /** Items as the document wrote them (with line wraps), reused when the text is unchanged. */
  raw: string[];
}

/** A row's markup with its content cut out: rendering fills the holes. */
/** The holes of a row template; shared constants, since a catalog has thousands of rows. */
export const SLOTS = {
  date: { slot: "date" },
  title: { slot: "title" },
  venue: { slot: "venue" },
  tags: { slot: "tags" },
  links: { slot: "links" },
  summary: { slot: "summary" },
} as const;

export interface RowTemplate {
  /** Literal markup and holes, in order. */
  parts: (string | { slot: "date" | "title" | "venue" | "tags" | "links" | "summary" })[];
  tags: TagBadge[];
  /** Separators around tag badges: before the first, between each pair, after the last. */
  tagSeps: string[];
  links: LinkBadge[];
  linkSeps: string[];
  /** Undefined when the row has no summary (and its template has no place for one). */
  summary?: SummaryLayout;
  /** The title exactly as written, reused when the title is unchanged. */
  rawTitle: string;
}

export interface ParsedEntry {
  entry: Entry;
  /** 0-based line range [start, end) the entry occupies. */
  start: number;
  end: number;
  template: RowTemplate;
  /** Index into `sections`. */
  section: number;
}

/** A run of entries under one heading: a year section, or the whole list. */
export interface Section {
  /** Heading text (`Year 2025`, `Before ChatGPT Announced`), undefined for an unnamed list. */
  title?: string;
  /** First line of the heading block (the `<details>` line, the `###` line, the `<strong>` line). */
  headStart: number;
  /** First line after the table header, where rows begin. */
  bodyStart: number;
  /** First line after the last row (the `</table>` line, or the line after the last pipe row). */
  bodyEnd: number;
  /** First line after the section's closing markup (`</table>`, `</details>`). */
  end: number;
  /** Dates the section holds (inclusive), when its title says. */
  from?: string;
  to?: string;
  entries: number[];
}

export interface CatalogDocument {
  format: CatalogFormat;
  lines: string[];
  sections: Section[];
  entries: ParsedEntry[];
  problems: Problem[];
}

/** Splits text into lines the way the engine edits them; joinLines restores it byte for byte. */
export function splitLines(text: string): string[] {
  return text.split("\n");
}

export function joinLines(lines: readonly string[]): string {
  return lines.join("\n");
}

/** What reading a document's lines needs: an array of them, or a TextLines that cuts each from the text. */
export interface LineList {
  readonly length: number;
  at(i: number): string | undefined;
}

/**
 * A document's lines, cut from its text one at a time when asked for. The parsed document keeps the
 * text anyway; splitting it into an array of 100,000+ lines up front cost more than the parse
 * itself spends on them, most of it in the garbage collector copying the array and its strings.
 */
export class TextLines implements LineList {
  /** Where each line starts in the text, plus where a line after the last would start. */
  readonly offsets: Uint32Array;
  readonly length: number;

  constructor(readonly text: string) {
    // One search for the newlines, into an array grown by doubling: searching a two-byte text is
    // slow enough that counting the lines first, then searching again, cost a third more.
    let offsets: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
    let count = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      if (count + 1 >= offsets.length) offsets = grown(offsets);
      offsets[count++] = at + 1;
    }
    offsets[count] = text.length + 1;
    this.offsets = offsets.subarray(0, count + 1);
    this.length = count;
  }

  at(i: number): string | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.text.slice(this.offsets[i]!, this.offsets[i + 1]! - 1);
  }

  /** The first line at or after `from` that holds `marker` (which spans no newline), or `length` if none does. */
  findLine(marker: string, from: number): number {
    if (from >= this.length) return this.length;
    const at = this.text.indexOf(marker, this.offsets[from]!);
    if (at < 0) return this.length;
    // The last line starting at or before the hit: a binary search of the offsets.
    let lo = from;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Lines [from, to), as splitLines would give them. */
  slice(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.at(i)!);
    return out;
  }
}

function grown(offsets: Uint32Array): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(offsets.length * 2);
  bigger.set(offsets);
  return bigger;
}
