import type { Entry } from "./entry.ts";

export type CatalogFormat = "bullets" | "markdown" | "html";

/** Something in a document the engine could not read, or that a maintainer should look at. */
export interface Problem {
  /** 1-based line number. */
  line: number;
  kind:
    | "unparsable-row"
    | "undecodable-badge"
    | "bad-character-reference"
    | "date-order"
    | "duplicate"
    | "unknown-tag"
    | "aliased-tag"
    | "aliased-venue";
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

/** Where a row's content goes in its template. */
export interface Slot {
  slot: "date" | "title" | "venue" | "tags" | "links" | "summary";
}

export const SLOTS = {
  date: { slot: "date" },
  title: { slot: "title" },
  venue: { slot: "venue" },
  tags: { slot: "tags" },
  links: { slot: "links" },
  summary: { slot: "summary" },
} as const satisfies Record<Slot["slot"], Slot>;

/** A row's markup with its content cut out: rendering fills the holes. */
export interface RowTemplate {
  /** Literal markup and holes, in order. */
  parts: (string | Slot)[];
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
  /** The document as read; `lines` is it split at "\n". */
  text: string;
  lines: string[];
  sections: Section[];
  entries: ParsedEntry[];
  problems: Problem[];
}
