import { normalizeTitle } from "../../paper/title.ts";
import { parseArxivId, parseDoi } from "../../paper/ids.ts";
import { quoteExcerpt } from "../../errors.ts";
import type { Paper } from "../paper.ts";
import { isObject } from "./read-json-object.ts";

export const OPENREVIEW_SITE = "https://openreview.net";

/** The fields of an API v2 note that headscout reads; everything else is ignored. */
export interface OpenReviewNote {
  id: string;
  forum?: string;
  content?: Record<string, unknown>;
  cdate?: number;
  tcdate?: number;
  pdate?: number;
  odate?: number;
  mdate?: number;
  tmdate?: number;
  domain?: string;
  externalIds?: string[];
}

/** A note as a Paper, or the reason it cannot be one (no title, say). */
export function parseOpenReviewNote(note: OpenReviewNote): Paper | string {
  if (typeof note.id !== "string" || !note.id) return "a note without an id";
  const content = isObject(note.content) ? note.content : {};
  const title = collapse(field(content, "title"));
  if (!title) return `note ${quoteExcerpt(note.id, 80)} has no title`;
  const published = firstDate(note.pdate, note.odate, note.cdate, note.tcdate);
  if (!published) return `note ${quoteExcerpt(note.id, 80)} has no date`;

  const forum = typeof note.forum === "string" && note.forum ? note.forum : note.id;
  const paper: Paper = {
    ids: { openreview: forum },
    title,
    abstract: collapse(field(content, "abstract")) ?? "",
    authors: readAuthors(content),
    published,
    categories: [],
    links: { openreview: `${OPENREVIEW_SITE}/forum?id=${encodeURIComponent(forum)}` },
    sources: ["openreview"],
  };
  const updated = firstDate(note.mdate, note.tmdate);
  if (updated) paper.updated = updated;
  const pdf = readPdf(field(content, "pdf"));
  if (pdf) paper.links.pdf = pdf;

  for (const external of Array.isArray(note.externalIds) ? note.externalIds : []) {
    if (typeof external !== "string") continue;
    const [scheme, ...rest] = external.split(":");
    const value = rest.join(":");
    if (scheme?.toLowerCase() === "doi") paper.ids.doi ??= parseDoi(value) ?? value.toLowerCase();
    if (scheme?.toLowerCase() === "arxiv") paper.ids.arxiv ??= parseArxivId(value);
  }
  const html = field(content, "html");
  if (typeof html === "string") paper.ids.arxiv ??= parseArxivId(html);
  if (!paper.ids.arxiv) delete paper.ids.arxiv;
  if (!paper.ids.doi) delete paper.ids.doi;

  const venue = collapse(field(content, "venue"));
  const venueId = field(content, "venueid");
  // An imported public article repeats its title as its venue; that says nothing.
  if (venue && normalizeTitle(venue) !== normalizeTitle(title)) paper.venue = venue;
  const decision = readDecision(paper.venue, typeof venueId === "string" ? venueId : undefined);
  if (decision) paper.decision = decision;
  return paper;
}

/**
 * Acceptance as OpenReview records it: the venue id of a rejected submission ends in
 * `/Rejected_Submission`; an open one reads "Submitted to …"; an accepted one carries the venue's
 * own id and a label such as "ICLR 2025 Spotlight"; imported DBLP records are published papers.
 */
export function readDecision(venue: string | undefined, venueId: string | undefined): Paper["decision"] {
  const id = venueId ?? "";
  if (/(Rejected|Desk_Rejected)_Submission$/i.test(id)) return "rejected";
  if (/Withdrawn/i.test(id)) return undefined;
  if (venue && /^submitted to\b/i.test(venue)) return "pending";
  if (/^dblp\.org\//i.test(id)) return "accepted";
  if (!id || /Public_Article/i.test(id) || /\/-\/|Submission$/i.test(id)) return undefined;
  return venue ? "accepted" : undefined;
}

/** `content.X.value` in API v2; a bare value is accepted too. */
function field(content: Record<string, unknown>, name: string): unknown {
  const raw = content[name];
  if (raw && typeof raw === "object" && !Array.isArray(raw) && "value" in raw) return (raw as { value: unknown }).value;
  return raw;
}

function readAuthors(content: Record<string, unknown>): string[] {
  const value = field(content, "authors");
  if (!Array.isArray(value)) return [];
  return value
    .map((author) => {
      if (typeof author === "string") return collapse(author);
      if (author && typeof author === "object" && typeof (author as { fullname?: unknown }).fullname === "string") {
        return collapse((author as { fullname: string }).fullname);
      }
      return undefined;
    })
    .filter((name): name is string => !!name);
}

function readPdf(value: unknown): string | undefined {
  if (typeof value !== "string" || !value) return undefined;
  const url = value.startsWith("/") ? `${OPENREVIEW_SITE}${value}` : value;
  return URL.canParse(url) ? url : undefined;
}

function firstDate(...stamps: (number | undefined)[]): string | undefined {
  // Beyond ±8.64e15 ms a Date is invalid (toISOString would throw).
  const stamp = stamps.find((s): s is number => typeof s === "number" && Math.abs(s) <= 8.64e15);
  return stamp === undefined ? undefined : new Date(stamp).toISOString();
}

function collapse(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.replace(/\s+/g, " ").trim() || undefined;
}
