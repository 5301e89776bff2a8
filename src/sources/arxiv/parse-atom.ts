import { XMLParser } from "fast-xml-parser";
import { parseArxivId, parseArxivVersion, parseDoi } from "../../paper/ids.ts";
import { HeadscoutError, quoteExcerpt } from "../../errors.ts";
import type { Paper } from "../paper.ts";

export interface ArxivFeedPage {
  /** opensearch:totalResults: how many the whole query matches. */
  totalResults: number;
  startIndex: number;
  papers: Paper[];
  /** Entries that could not be read, each with the reason (the rest of the page is kept). */
  skipped: string[];
  /** Entries skipped because their <published> date is not a date: counted apart, so the report can sum them up. */
  undated: string[];
}

// Elements that repeat; everything else is read by name, whatever order arXiv sends it in.
const REPEATED = new Set(["entry", "author", "link", "category"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // The 2016 layout declares namespaces per element, the current one on <feed>; dropping prefixes reads both.
  removeNSPrefix: true,
  // Ids such as 1707.08567 must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities are decoded once, by `decodeEntities`, for text and attributes alike (the parser
  // leaves numeric references alone, and a summary is read raw, below).
  processEntities: false,
  // Abstracts are most of a feed's bytes and hold no markup: skipping over them is much faster.
  stopNodes: ["*.summary"],
  jPath: false,
  isArray: (name) => REPEATED.has(name),
});

type XmlNode = Record<string, unknown>;

/** The feed without its entries: its id, title (the query), links and counts. */
const MAX_HEADER_CHARS = 256 * 1024;

/**
 * Reads one page of the arXiv export API (Atom 1.0 with arxiv: and opensearch: extensions).
 * `source` names the request, for errors. An `Error` entry (arXiv's way of rejecting a query) is an
 * error, not a paper.
 */
export function parseArxivFeed(xml: string, source: string): ArxivFeedPage {
  // Each entry is parsed (and validated) on its own: a 2,000-entry page never becomes one big tree.
  const { header, entries: chunks } = splitFeed(xml, source);
  if (header.length > MAX_HEADER_CHARS) {
    // Validating megabytes of unclosed tags takes the parser seconds and gigabytes; no feed header is that long.
    throw new HeadscoutError(`arXiv sent a malformed feed for ${source}: ${Math.round(header.length / 1024)} KB outside any <entry> (a feed's header is a few KB): ${quoteExcerpt(header, 80)}`);
  }
  const feed = parseXml(header, source, "the feed header", true).feed;
  if (!isNode(feed)) throw new HeadscoutError(`arXiv sent a response without an Atom <feed> for ${source}`);

  const papers: Paper[] = [];
  const skipped: string[] = [];
  const undated: string[] = [];
  chunks.forEach((chunk, index) => {
    const entry = nodes(parseXml(chunk, source, `entry ${index + 1}`, false).entry)[0] ?? {};
    if (isErrorEntry(entry)) {
      throw new HeadscoutError(`arXiv rejected the query ${source}: ${quoteExcerpt(text(entry.summary) ?? text(entry.id) ?? "(no detail)")}`);
    }
    const paper = readEntry(entry);
    if ("reason" in paper) (paper.undated ? undated : skipped).push(`entry ${index + 1} of ${source}: ${paper.reason}`);
    else papers.push(paper);
  });
  return {
    totalResults: readCount(feed.totalResults, "opensearch:totalResults", source),
    startIndex: readCount(feed.startIndex, "opensearch:startIndex", source),
    papers,
    skipped,
    undated,
  };
}

/**
 * The envelope is validated strictly (an HTML error page or a cut-off body fails there); entries
 * are parsed without the validator, which would add a third to the time of a 2,000-entry page, so
 * a mismatched tag inside one entry goes unnoticed. The parser still rejects unterminated elements.
 */
function parseXml(xml: string, source: string, part: string, validate: boolean): XmlNode {
  try {
    return parser.parse(xml, validate) as XmlNode;
  } catch (error) {
    // fast-xml-parser lists every open tag: 10⁶ of them made an 8 MB message.
    const detail = quoteExcerpt(error instanceof Error ? error.message : String(error));
    throw new HeadscoutError(`arXiv sent a malformed feed for ${source}: ${part}: ${detail}`, { cause: error, causeDescribed: true });
  }
}

/** The feed without its entries, and each `<entry>…</entry>` as its own text. */
function splitFeed(xml: string, source: string): { header: string; entries: string[] } {
  const entries: string[] = [];
  const start = /<entry[\s>]/g;
  let firstStart = -1;
  let lastEnd = -1;
  let match: RegExpExecArray | null;
  while ((match = start.exec(xml))) {
    if (lastEnd >= 0 && xml.slice(lastEnd, match.index).trim()) {
      throw new HeadscoutError(`arXiv sent a malformed feed for ${source}: unexpected content between entries ${entries.length} and ${entries.length + 1}`);
    }
    const end = xml.indexOf("</entry>", match.index);
    if (end < 0) throw new HeadscoutError(`arXiv sent a malformed feed for ${source}: entry ${entries.length + 1} never ends (a truncated response?)`);
    if (firstStart < 0) firstStart = match.index;
    lastEnd = end + "</entry>".length;
    entries.push(xml.slice(match.index, lastEnd));
    start.lastIndex = lastEnd;
  }
  const header = firstStart < 0 ? xml : xml.slice(0, firstStart) + xml.slice(lastEnd);
  return { header, entries };
}

function isErrorEntry(entry: XmlNode): boolean {
  const id = text(entry.id) ?? "";
  return text(entry.title) === "Error" || /\/api\/errors/.test(id);
}

/** Why an entry cannot be a paper; `undated` when only its date is unreadable. */
interface EntryProblem {
  reason: string;
  undated?: true;
}

/** A paper, or the reason the entry cannot be one. */
function readEntry(entry: XmlNode): Paper | EntryProblem {
  const idUrl = text(entry.id);
  if (!idUrl) return { reason: "no <id>" };
  const arxivId = parseArxivId(idUrl);
  if (!arxivId) return { reason: `unrecognised arXiv id ${quoteExcerpt(idUrl, 80)}` };
  const title = collapse(text(entry.title));
  if (!title) return { reason: `${arxivId} has no title` };
  const published = text(entry.published);
  if (!published) return { reason: `${arxivId} has no <published> date` };
  const submitted = normalizeDate(published);
  if (!submitted) return { reason: `${arxivId} has an unreadable <published> date "${quoteExcerpt(published, 40)}"`, undated: true };

  const links = nodes(entry.link);
  const alternate = attribute(links.find((link) => link.rel === "alternate"), "href");
  const pdf = attribute(links.find((link) => link.title === "pdf" || link.type === "application/pdf"), "href");
  const doi = text(entry.doi);
  const primary = attribute(nodes(entry.primary_category)[0], "term");
  const categories = nodes(entry.category)
    .map((c) => attribute(c, "term"))
    .filter((term): term is string => !!term);

  const paper: Paper = {
    ids: { arxiv: arxivId },
    title,
    abstract: collapse(text(entry.summary)) ?? "",
    authors: nodes(entry.author)
      .map((author) => collapse(text(author.name)))
      .filter((name): name is string => !!name),
    published: submitted,
    categories,
    links: {},
    sources: ["arxiv"],
  };
  const version = parseArxivVersion(idUrl);
  if (version) paper.ids.arxivVersion = version;
  if (doi) paper.ids.doi = parseDoi(doi) ?? doi.toLowerCase();
  // An unreadable <updated> only loses the paper its latest-version date.
  const updated = normalizeDate(text(entry.updated) ?? "");
  if (updated) paper.updated = updated;
  if (primary) paper.primaryCategory = primary;
  const comment = collapse(text(entry.comment));
  if (comment) paper.comment = comment;
  const journalRef = collapse(text(entry.journal_ref));
  if (journalRef) paper.journalRef = journalRef;
  if (alternate) paper.links.abstract = httpsUrl(alternate);
  if (pdf) paper.links.pdf = httpsUrl(pdf);
  return paper;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isNode);
}

/** An element's decoded text, whether the parser gave a string or an object with attributes and `#text`. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return decodeEntities(value);
  if (typeof value === "number") return String(value);
  if (isNode(value) && typeof value["#text"] === "string") return decodeEntities(value["#text"]);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  return typeof value === "string" ? decodeEntities(value) : undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML's five named entities and numeric references; anything else is left as written. */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Titles and abstracts break lines mid-sentence; LaTeX stays as written. */
function collapse(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Most values need no collapsing; testing first spares a 2,000-entry page thousands of copies.
  const collapsed = /[\t\n\r]| {2}/.test(value) ? value.replace(/\s+/g, " ").trim() : value.trim();
  return collapsed || undefined;
}

function readCount(value: unknown, element: string, source: string): number {
  const raw = text(value);
  const count = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(count) || count < 0) throw new HeadscoutError(`arXiv feed for ${source} has no valid <${element}>`);
  return count;
}

/** `2016-10-09T00:00:00-04:00` and `2017-07-27T08:18:33Z` both become UTC `…Z`; undefined when it is no date. */
function normalizeDate(value: string): string | undefined {
  // Date.parse reads nearly anything ("June 1", "0") and rolls 30 February into March: only real
  // ISO 8601 calendar dates count.
  const day = /^(\d{4})-(\d\d)-(\d\d)/.exec(value);
  if (!day || new Date(Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!)).toISOString().slice(0, 10) !== day[0]) return undefined;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.000Z$/, "Z");
}

function httpsUrl(url: string): string {
  return url.replace(/^http:\/\/(www\.)?arxiv\.org\//, "https://arxiv.org/");
}
