import { describeError, HeadscoutError, quoteExcerpt, redactSecrets } from "../../errors.ts";
import { describeRequest } from "../../http/describe-request.ts";
import { identityOfPaper, samePaper, type PaperIdentity } from "../../paper/identity.ts";
import { normalizeTitle } from "../../paper/title.ts";
import {
  createArxivLookup,
  fetchArxivByIds,
  lookupHttpContext,
  searchArxivByTitle,
  type ArxivLookup,
  type ArxivLookupOptions,
} from "../../sources/arxiv/lookup.ts";
import { requestWithRetry, type HttpContext } from "../../sources/http/request.ts";
import { mergePapers } from "../../sources/merge.ts";
import { openReviewFailure } from "../../sources/openreview/api-error.ts";
import { OpenReviewSession } from "../../sources/openreview/auth.ts";
import { parseOpenReviewNote, type OpenReviewNote } from "../../sources/openreview/parse-note.ts";
import { isObject, readJsonObject } from "../../sources/openreview/read-json-object.ts";
import type { Paper } from "../../sources/paper.ts";
import type { SourceSettings } from "../../sources/settings.ts";
import type { Submission } from "./parse-issue.ts";

export interface OpenReviewLookup {
  baseUrl: string;
  userAgent: string;
  http: HttpContext;
  session: OpenReviewSession;
  /** Taken out of every message (the password, the session's token). */
  secrets: () => (string | undefined)[];
}

/** Where submitted papers are looked up: arXiv always, OpenReview when the server has an account. */
export interface PaperLookup {
  arxiv: ArxivLookup;
  openreview?: OpenReviewLookup;
}

/** The lookups for the environment's settings, throttled together with every scan of the process. */
export function createPaperLookup(settings: SourceSettings, options: ArxivLookupOptions = {}): PaperLookup {
  const lookup: PaperLookup = { arxiv: createArxivLookup(settings, options) };
  const credentials = settings.openreviewCredentials;
  if (credentials) {
    const http = lookupHttpContext("OpenReview", settings.openreviewApiUrl, settings.openreviewIntervalMs, settings, options);
    const session = new OpenReviewSession(settings.openreviewApiUrl, credentials, http, settings.userAgent);
    lookup.openreview = { baseUrl: settings.openreviewApiUrl, userAgent: settings.userAgent, http, session, secrets: () => [credentials.password, session.lastToken] };
  }
  return lookup;
}

export type FindResult =
  /** `notes`: what a reviewer should know (the title given differs from the paper's). */
  | { kind: "found"; paper: Paper; via: "link" | "title"; searched: string[]; notes: string[] }
  /** `candidates`: the closest papers arXiv returned for the title, when there were any. */
  | { kind: "not-found"; searched: string[]; reason: string; candidates: Paper[] }
  /** A service could not be read (down, refusing): nothing can be said about the paper yet. */
  | { kind: "failed"; searched: string[]; reason: string };

/** The most OpenReview links looked up for one submission. */
const MAX_OPENREVIEW_LINKS = 3;

/**
 * The paper a submission is about. The links in its fields come first (arXiv ids in one request,
 * OpenReview forums one by one when the server has an account); then the title on arXiv
 * (`ti:"…"`). A paper counts only when the one identity rule says its title is the submitted one
 * (normalised titles equal; a short title also needs the submitted year within one). A linked
 * paper whose title differs is still taken when the title search finds nothing, with a note.
 */
export async function findSubmittedPaper(submission: Submission, lookup: PaperLookup): Promise<FindResult> {
  const searched: string[] = [];
  try {
    const linked = await fetchLinkedPapers(submission, lookup, searched);
    const wanted = submittedIdentity(submission);
    if (!wanted) {
      const first = linked[0];
      if (first) return found(first, linked, "link", searched, []);
      return { kind: "not-found", searched, reason: "no paper was found at the links given, and there is no title to search for", candidates: [] };
    }
    const byLink = linked.find((p) => samePaper(wanted, identityOfPaper(p)));
    if (byLink) return found(byLink, linked, "link", searched, []);

    const search = await searchArxivByTitle(lookup.arxiv, submission.title!);
    searched.push(`arXiv for the title (search_query ${search.query})`);
    const hits = distinct(search.papers.filter((p) => samePaper(wanted, identityOfPaper(p))));
    if (hits.length === 1) return found(hits[0]!, [...linked, ...search.papers], "title", searched, []);
    if (hits.length > 1) {
      return { kind: "not-found", searched, reason: `${hits.length} arXiv papers have exactly this title, so I cannot tell which one is meant`, candidates: hits.slice(0, 3) };
    }
    const first = linked[0];
    if (first) {
      const note = `The title given (“${submission.title}”) differs from the title of the linked paper (“${first.title}”); the linked paper is proposed.`;
      return found(first, linked, "link", searched, [note]);
    }
    const short = wanted.title.length < 25 && wanted.year === undefined;
    const reason = search.papers.length
      ? `no arXiv paper has exactly this title${short ? " (a title this short also needs the publication year to match)" : ""}`
      : "arXiv has no paper with this title";
    return { kind: "not-found", searched, reason, candidates: search.papers.slice(0, 3) };
  } catch (error) {
    const secrets = lookup.openreview?.secrets() ?? [];
    return { kind: "failed", searched, reason: quoteExcerpt(redactSecrets(describeError(error), secrets), 300) };
  }
}

/** The identity a submission claims: its normalised title and year (never ids: those come from links, looked up). */
export function submittedIdentity(submission: Pick<Submission, "title" | "published">): PaperIdentity | undefined {
  if (!submission.title) return undefined;
  const title = normalizeTitle(submission.title);
  if (!title) return undefined;
  const year = submission.published ? Number(submission.published.slice(0, 4)) : undefined;
  return { title, ...(year ? { year } : {}) };
}

async function fetchLinkedPapers(submission: Submission, lookup: PaperLookup, searched: string[]): Promise<Paper[]> {
  const papers: Paper[] = [];
  const arxivIds = submission.links.flatMap((l) => (l.arxiv ? [l.arxiv] : []));
  if (arxivIds.length) {
    const found = await fetchArxivByIds(lookup.arxiv, arxivIds);
    searched.push(`arXiv for ${arxivIds.map((id) => `arXiv:${id}`).join(", ")} (linked in the issue)`);
    papers.push(...found);
  }
  const forums = submission.links.flatMap((l) => (l.openreview && !l.arxiv ? [l.openreview] : [])).slice(0, MAX_OPENREVIEW_LINKS);
  for (const forum of forums) {
    if (!lookup.openreview) {
      searched.push(`not OpenReview for the forum ${forum}: this headscout has no OpenReview account`);
      continue;
    }
    searched.push(`OpenReview for the forum ${forum} (linked in the issue)`);
    const paper = await fetchOpenReviewForum(lookup.openreview, forum);
    if (paper) papers.push(paper);
  }
  return papers;
}

/** The paper of an OpenReview forum, or undefined when OpenReview has no such note. */
export async function fetchOpenReviewForum(lookup: OpenReviewLookup, forum: string): Promise<Paper | undefined> {
  const url = `${lookup.baseUrl}/notes?${new URLSearchParams({ id: forum }).toString()}`;
  const what = describeRequest("GET", url);
  for (let attempt = 0; ; attempt++) {
    const token = await lookup.session.getToken();
    const response = await requestWithRetry(lookup.http, {
      method: "GET",
      url,
      headers: { "User-Agent": lookup.userAgent, Accept: "application/json", Authorization: `Bearer ${token}` },
    });
    if (response.status === 404) return undefined;
    if (response.status === 401 && attempt === 0) {
      lookup.session.invalidate();
      continue;
    }
    if (response.status !== 200) throw openReviewFailure(response, what);
    const notes = readJsonObject(response.text, `OpenReview's answer to ${what}`).notes;
    if (!Array.isArray(notes)) throw new HeadscoutError(`OpenReview's answer to ${what} has no "notes" list`);
    const note = notes.find((n): n is OpenReviewNote => isObject(n) && (n.id === forum || n.forum === forum));
    if (!note) return undefined;
    const paper = parseOpenReviewNote(note);
    if (typeof paper === "string") throw new HeadscoutError(`OpenReview's answer to ${what} cannot be read: ${paper}`);
    return paper;
  }
}

/** The chosen paper, with what the other lookups found of the same paper merged in (an arXiv and an OpenReview copy). */
function found(paper: Paper, others: readonly Paper[], via: "link" | "title", searched: string[], notes: string[]): FindResult {
  const identity = identityOfPaper(paper);
  const copies = others.filter((p) => p !== paper && samePaper(identity, identityOfPaper(p)));
  const merged = copies.length ? mergePapers([paper, ...copies]).papers[0]! : paper;
  return { kind: "found", paper: merged, via, searched, notes };
}

/** One paper per identity (arXiv lists a paper once, but a search can return its namesakes). */
function distinct(papers: readonly Paper[]): Paper[] {
  return mergePapers(papers).papers;
}
