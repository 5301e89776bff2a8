import { XMLParser } from "fast-xml-parser";
import { parseArxivId, parseArxivVersion, parseDoi } from "../../catalog/identity.ts";
import { HeadscoutError } from "../../errors.ts";
import type { Paper } from "../paper.ts";

export interface ArxivFeedPage {
  /** opensearch:totalResults: how many the whole query matches. */
  totalResults: number;
  startIndex: number;
  papers: Paper[];
  /** Entries that could not be read, each with the reason (the rest of the page is kept). */
  skipped: string[];
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
  isArray: (name) => REPEATED.has(name),
});

type XmlNode = Record<string, unknown>;

/**
 * Reads one page of the arXiv export API (Atom 1.0 with arxiv: and opensearch: extensions).
 * `source` names the request, for errors. An `Error` entry (arXiv's way of rejecting a query) is an
 * error, not a paper.
 */
export function parseArxivFeed(xml: string, source: string): ArxivFeedPage {
  let document: XmlNode;
  try {
    document = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HeadscoutError(`arXiv sent a malformed feed for ${source}: ${detail}`, { cause: error });
  }
  const feed = document.feed;
  if (!isNode(feed)) throw new HeadscoutError(`arXiv sent a response without an Atom <feed> for ${source}`);

  const entries = Array.isArray(feed.entry) ? (feed.entry as unknown[]).filter(isNode) : [];
  const errorEntry = entries.find(isErrorEntry);
  if (errorEntry) {
    throw new HeadscoutError(`arXiv rejected the query ${source}: ${text(errorEntry.summary) ?? text(errorEntry.id) ?? "(no detail)"}`);
  }

  const papers: Paper[] = [];
  const skipped: string[] = [];
  entries.forEach((entry, index) => {
    const paper = readEntry(entry);
    if (typeof paper === "string") skipped.push(`entry ${index + 1} of ${source}: ${paper}`);
    else papers.push(paper);
  });
  return {
    totalResults: readCount(feed.totalResults, "opensearch:totalResults", source),
    startIndex: readCount(feed.startIndex, "opensearch:startIndex", source),
    papers,
    skipped,
  };
}

function isErrorEntry(entry: XmlNode): boolean {
  const id = text(entry.id) ?? "";
  return text(entry.title) === "Error" || /\/api\/errors/.test(id);
}

/** A paper, or the reason the entry cannot be one. */
function readEntry(entry: XmlNode): Paper | string {
  const idUrl = text(entry.id);
  if (!idUrl) return "no <id>";
  const arxivId = parseArxivId(idUrl);
  if (!arxivId) return `unrecognised arXiv id ${idUrl}`;
  const title = collapse(text(entry.title));
  if (!title) return `${arxivId} has no title`;
  const published = text(entry.published);
  if (!published) return `${arxivId} has no <published> date`;

  const links = nodes(entry.link);
  const alternate = links.find((link) => link.rel === "alternate")?.href;
  const pdf = links.find((link) => link.title === "pdf" || link.type === "application/pdf")?.href;
  const doi = text(entry.doi);
  const primary = nodes(entry.primary_category)[0]?.term;
  const categories = nodes(entry.category)
    .map((c) => c.term)
    .filter((term): term is string => typeof term === "string");

  const paper: Paper = {
    ids: { arxiv: arxivId },
    title,
    abstract: collapse(text(entry.summary)) ?? "",
    authors: nodes(entry.author)
      .map((author) => collapse(text(author.name)))
      .filter((name): name is string => !!name),
    published: normalizeDate(published),
    categories,
    links: {},
    sources: ["arxiv"],
  };
  const version = parseArxivVersion(idUrl);
  if (version) paper.ids.arxivVersion = version;
  if (doi) paper.ids.doi = parseDoi(doi) ?? doi.toLowerCase();
  const updated = text(entry.updated);
  if (updated) paper.updated = normalizeDate(updated);
  if (typeof primary === "string") paper.primaryCategory = primary;
  const comment = collapse(text(entry.comment));
  if (comment) paper.comment = comment;
  const journalRef = collapse(text(entry.journal_ref));
  if (journalRef) paper.journalRef = journalRef;
  if (typeof alternate === "string") paper.links.abstract = httpsUrl(alternate);
  if (typeof pdf === "string") paper.links.pdf = httpsUrl(pdf);
  return paper;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isNode);
}

/** An element's text, whether the parser gave a string or an object with attributes and `#text`. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (isNode(value) && typeof value["#text"] === "string") return value["#text"];
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

/** Titles and abstracts break lines mid-sentence; LaTeX stays as written. */
function collapse(value: string | undefined): string | undefined {
  const collapsed = value?.replace(/\s+/g, " ").trim();
  return collapsed || undefined;
}

function readCount(value: unknown, element: string, source: string): number {
  const raw = text(value);
  const count = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(count) || count < 0) throw new HeadscoutError(`arXiv feed for ${source} has no valid <${element}>`);
  return count;
}

/** `2016-10-09T00:00:00-04:00` and `2017-07-27T08:18:33Z` both become UTC `…Z`. */
function normalizeDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString().replace(/\.000Z$/, "Z");
}

function httpsUrl(url: string): string {
  return url.replace(/^http:\/\/(www\.)?arxiv\.org\//, "https://arxiv.org/");
}
