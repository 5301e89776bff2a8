import { HeadscoutError } from "../../errors.ts";
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
  const keep = (note: OpenReviewNote): void => {
    const dates = [note.pdate, note.odate, note.cdate, note.tcdate, note.mdate, note.tmdate];
    if (!dates.some((d) => typeof d === "number" && d >= from && d <= to)) return;
    const paper = parseOpenReviewNote(note);
    if (typeof paper === "string") result.notes.push(`OpenReview: ${paper}`);
    else result.papers.push(paper);
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
      const page = await getNotes(search, session, http, `${search.baseUrl}${list.path}?${query.toString()}`);
      result.pages++;
      page.notes.forEach(keep);
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
  const what = `GET ${url}`;
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
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HeadscoutError(`OpenReview sent unreadable JSON for ${what}`, { cause: error });
  }
  const notes = (body as { notes?: unknown }).notes;
  if (!Array.isArray(notes)) throw new HeadscoutError(`OpenReview's answer to ${what} has no "notes" list`);
  const count = (body as { count?: unknown }).count;
  return { notes: notes as OpenReviewNote[], count: typeof count === "number" ? count : undefined };
}
