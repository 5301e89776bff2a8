import { HeadscoutError, quoteExcerpt } from "../../errors.ts";
import { describeRequest } from "../../http/describe-request.ts";
import { isObject, readJsonObject } from "./read-json-object.ts";
import type { SearchWindow } from "../arxiv/build-query.ts";
import { requestWithRetry, type HttpContext } from "../http/request.ts";
import type { SearchProgress } from "../report.ts";
import { openReviewFailure, readOpenReviewError } from "./api-error.ts";
import type { OpenReviewSession } from "./auth.ts";
import { parseOpenReviewNote, type OpenReviewNote } from "./parse-note.ts";

export const OPENREVIEW_API_URL = "https://api2.openreview.net";

export interface OpenReviewSearch {
  baseUrl: string;
  /** Full-text search terms (`/notes/search`). */
  terms: readonly string[];
  /** Venue ids or invitation ids whose submissions are listed (`/notes?invitation=`). */
  venues: readonly string[];
  window: SearchWindow;
  pageSize: number;
  /** Per term or venue. */
  maxResults: number;
  userAgent: string;
}

interface NotesPage {
  notes: OpenReviewNote[];
  count?: number;
}

/** Every note of the terms and venues that was created, published or changed within the window. */
export async function searchOpenReview(
  search: OpenReviewSearch,
  session: OpenReviewSession,
  http: HttpContext,
  result: SearchProgress = { papers: [], pages: 0, notes: [] },
): Promise<SearchProgress> {
  const from = search.window.from.getTime();
  const to = search.window.to.getTime() + 59_999;
  const inWindow = (note: OpenReviewNote): boolean => {
    const dates = [note.pdate, note.odate, note.cdate, note.tcdate, note.mdate, note.tmdate];
    return dates.some((d) => typeof d === "number" && d >= from && d <= to);
  };
  /** Keeps the page's papers of the window; a page on which no note at all can be read is a failure, not "nothing new". */
  const keep = (page: NotesPage, what: string): void => {
    const problems: string[] = [];
    for (const note of page.notes) {
      const paper = parseOpenReviewNote(note);
      if (typeof paper === "string") {
        problems.push(paper);
        if (inWindow(note) || !hasDate(note)) result.notes.push(`OpenReview: ${paper}`);
      } else if (inWindow(note)) result.papers.push(paper);
    }
    if (problems.length > 0 && problems.length === page.notes.length) {
      throw new HeadscoutError(`OpenReview's answer to ${what} held ${problems.length} notes and none could be read (first: ${problems[0]})`);
    }
  };

  const lists = [
    ...search.terms.map((term) => ({
      label: `term "${term}"`,
      path: "/notes/search",
      params: { term, content: "all", group: "all", source: "forum" },
      sortedByChange: false,
    })),
    ...search.venues.map((venue) => ({
      label: `venue ${venue}`,
      path: "/notes",
      params: { invitation: venue.includes("/-/") ? venue : `${venue}/-/Submission`, sort: "tmdate:desc" },
      sortedByChange: true,
    })),
  ];
  for (const list of lists) {
    let offset = 0;
    for (;;) {
      const limit = Math.min(search.pageSize, search.maxResults - offset);
      const query = new URLSearchParams({ ...list.params, limit: String(limit), offset: String(offset) });
      const url = `${search.baseUrl}${list.path}?${query.toString()}`;
      const page = await getNotes(search, session, http, url);
      result.pages++;
      keep(page, describeRequest("GET", url));
      http.progress?.({ kind: "page", papers: result.papers.length });
      offset += page.notes.length;
      const last = page.notes.at(-1);
      // Listed newest change first: once a page ends before the window, the rest is older still.
      const pastWindow = list.sortedByChange && last !== undefined && (last.tmdate ?? last.mdate ?? Infinity) < from;
      if (pastWindow || page.notes.length < limit || (page.count !== undefined && offset >= page.count)) break;
      if (offset >= search.maxResults) {
        result.notes.push(`OpenReview ${list.label} stopped at sources.openreview.maxResults (${search.maxResults})`);
        break;
      }
    }
  }
  return result;
}

async function getNotes(search: OpenReviewSearch, session: OpenReviewSession, http: HttpContext, url: string): Promise<NotesPage> {
  const what = describeRequest("GET", url);
  for (let attempt = 0; ; attempt++) {
    const token = await session.getToken();
    const response = await requestWithRetry(http, {
      method: "GET",
      url,
      headers: { "User-Agent": search.userAgent, Accept: "application/json", Authorization: `Bearer ${token}` },
    });
    if (response.status === 200) return readNotesPage(response.text, what);
    const expired = response.status === 401 || /TokenExpired/i.test(readOpenReviewError(response)?.name ?? "");
    if (expired && attempt === 0) {
      session.invalidate();
      continue;
    }
    throw openReviewFailure(response, what);
  }
}

function readNotesPage(text: string, what: string): NotesPage {
  const body = readJsonObject(text, `OpenReview's answer to ${what}`);
  const notes = body.notes;
  if (!Array.isArray(notes)) throw new HeadscoutError(`OpenReview's answer to ${what} has no "notes" list`);
  const bad = notes.findIndex((note) => !isObject(note));
  if (bad >= 0) throw new HeadscoutError(`OpenReview's answer to ${what} has a note that is not an object (notes[${bad}] is ${quoteExcerpt(JSON.stringify(notes[bad]) ?? "undefined", 40)})`);
  const count = body.count;
  return { notes: notes as OpenReviewNote[], count: typeof count === "number" ? count : undefined };
}

function hasDate(note: OpenReviewNote): boolean {
  return [note.pdate, note.odate, note.cdate, note.tcdate, note.mdate, note.tmdate].some((d) => typeof d === "number");
}
