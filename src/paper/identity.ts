import { z } from "zod";
import { parseAclId, parseArxivId, parseDoi, parseOpenReviewId } from "./ids.ts";
import { normalizeTitle } from "./title.ts";

/**
 * The identifiers a paper is known by. Stored with every catalog entry; derived the same way from
 * a source's paper, a catalog row's links and (later) the ledger.
 */
export const identityKeysSchema = z.object({
  /** Base id, never a version: v1 and v2 are one paper. */
  arxiv: z.string().optional(),
  openreview: z.string().optional(),
  acl: z.string().optional(),
  /** Lower case. */
  doi: z.string().optional(),
  /** `normalizeTitle` of the title. */
  title: z.string(),
});
export type IdentityKeys = z.infer<typeof identityKeysSchema>;

/** Identity keys plus the second signals the short-title guard needs (not stored with entries). */
export interface PaperIdentity extends IdentityKeys {
  /** The year the paper appeared (a catalog row's date, a source's first submission). */
  year?: number;
  /** The first author's surname, folded; catalog rows have no authors. */
  firstAuthor?: string;
}

export type IdentityKey = keyof IdentityKeys;

/** Keys that name one paper whatever its title says, in the order a match is reported. */
export const IDENTIFIER_KEYS = ["arxiv", "openreview", "acl", "doi"] as const;

export const IDENTITY_KEY_NAMES: Record<IdentityKey, string> = {
  arxiv: "arXiv id",
  openreview: "OpenReview id",
  acl: "ACL Anthology id",
  doi: "DOI",
  title: "normalised title",
};

/**
 * Titles shorter than this (normalised) recur across papers ("Attention Heads", "Induction Heads"):
 * they identify a paper only together with a second signal.
 */
export const MIN_DISTINCTIVE_TITLE_LENGTH = 25;

/** Identity keys from a title and the links that point at the paper (a catalog row). */
export function deriveIdentityKeys(title: string, links: readonly { url: string }[]): IdentityKeys {
  const keys: IdentityKeys = { title: normalizeTitle(title) };
  for (const { url } of links) {
    keys.arxiv ??= parseArxivId(url);
    keys.openreview ??= parseOpenReviewId(url);
    keys.acl ??= parseAclId(url);
    keys.doi ??= parseDoi(url);
  }
  for (const key of IDENTIFIER_KEYS) if (keys[key] === undefined) delete keys[key];
  return keys;
}

/** A catalog entry's identity: its stored keys, and its date's year for the short-title guard. */
export function identityOfEntry(entry: { title: string; date: string; links: readonly { url: string }[]; ids?: IdentityKeys | undefined }): PaperIdentity {
  const year = Number(entry.date.slice(0, 4));
  // A parsed row carries the keys its links gave; only an entry without them needs its links read.
  return { ...(entry.ids ?? deriveIdentityKeys(entry.title, entry.links)), ...(Number.isInteger(year) && year > 0 ? { year } : {}) };
}

/** What identifies a source's paper. */
export function identityOfPaper(paper: {
  ids: { arxiv?: string | undefined; openreview?: string | undefined; doi?: string | undefined };
  title: string;
  authors?: readonly string[];
  published?: string;
}): PaperIdentity {
  const identity: PaperIdentity = { title: normalizeTitle(paper.title) };
  if (paper.ids.arxiv) identity.arxiv = parseArxivId(paper.ids.arxiv) ?? paper.ids.arxiv;
  if (paper.ids.openreview) identity.openreview = paper.ids.openreview;
  if (paper.ids.doi) identity.doi = paper.ids.doi.toLowerCase();
  const year = paper.published ? Number(paper.published.slice(0, 4)) : NaN;
  if (Number.isInteger(year) && year > 0) identity.year = year;
  const author = paper.authors?.[0] ? surnameKey(paper.authors[0]) : undefined;
  if (author) identity.firstAuthor = author;
  return identity;
}

function surnameKey(name: string): string | undefined {
  // "Surname, Given" (BibTeX order) or "Given Surname".
  const surname = name.includes(",") ? name.split(",")[0]! : (name.trim().split(/\s+/).at(-1) ?? "");
  return normalizeTitle(surname) || undefined;
}

/**
 * Whether two equal titles name one paper. Different first authors say no. Different identifiers
 * do not: a workshop and a conference version have two OpenReview forums, a paper posted twice has
 * two arXiv ids, and the catalog lists each once. Then a distinctive title suffices; a short one
 * needs a second signal.
 */
function sameByTitle(a: PaperIdentity, b: PaperIdentity): boolean {
  if (!a.title || a.title !== b.title) return false;
  if (a.firstAuthor && b.firstAuthor) return a.firstAuthor === b.firstAuthor;
  if (a.title.length >= MIN_DISTINCTIVE_TITLE_LENGTH) return true;
  // The year is a weak signal: two different identifiers of one kind outweigh it.
  if (IDENTIFIER_KEYS.some((key) => a[key] && b[key] && a[key] !== b[key])) return false;
  return a.year !== undefined && b.year !== undefined && Math.abs(a.year - b.year) <= 1;
}

/**
 * THE rule for "same paper", used by the sources' merge, the scan's drop-known step, triage, the
 * catalog's duplicate check and the ledger. Two papers are one when they share an arXiv base id,
 * an OpenReview forum id, an ACL Anthology id or a DOI; or, failing those, when their normalised
 * titles are equal, their first authors (where both are known) agree, and either the title is distinctive (≥ 25 characters normalised) or
 * a second signal agrees (the same first author; without authors, years at most one apart and no
 * two different identifiers of one kind).
 * Returns the key that decided, or undefined.
 */
export function samePaper(a: PaperIdentity, b: PaperIdentity): IdentityKey | undefined {
  for (const key of IDENTIFIER_KEYS) if (a[key] && a[key] === b[key]) return key;
  return sameByTitle(a, b) ? "title" : undefined;
}

/**
 * The string a paper is known by in verdicts, reports and the ledger: its first identifier
 * (`arxiv:2404.15574`, never with a version), else its normalised title.
 */
export function identityKey(identity: IdentityKeys): string {
  for (const key of IDENTIFIER_KEYS) if (identity[key]) return `${key}:${identity[key]}`;
  return `title:${identity.title}`;
}

export interface IdentityMatch<T> {
  key: IdentityKey;
  value: string;
  item: T;
}

/**
 * Items indexed by identity, for "is this paper already among them?" without comparing every
 * pair. `find` applies `samePaper`: identifiers first (the earliest item added wins), then titles.
 */
export class IdentityIndex<T> {
  private readonly byIdentifier = new Map<string, IndexedRecord<T>>();
  // Distinctive titles match whatever the year; short ones only within a year of each other, so
  // they are also filed by year and a lookup reads three small buckets, never every namesake.
  private readonly byTitle = new Map<string, IndexedRecord<T>[]>();
  private readonly byShortTitleYear = new Map<string, IndexedRecord<T>[]>();

  add(identity: PaperIdentity, item: T): void {
    const record = { identity, item };
    for (const key of IDENTIFIER_KEYS) {
      const value = identity[key];
      if (value && !this.byIdentifier.has(`${key}:${value}`)) this.byIdentifier.set(`${key}:${value}`, record);
    }
    if (!identity.title) return;
    push(this.byTitle, identity.title, record);
    if (identity.title.length < MIN_DISTINCTIVE_TITLE_LENGTH) push(this.byShortTitleYear, `${identity.title}|${identity.year ?? ""}`, record);
  }

  /** The first item the identity matches: by identifier (the earliest added), else by title. */
  find(identity: PaperIdentity): IdentityMatch<T> | undefined {
    for (const key of IDENTIFIER_KEYS) {
      const value = identity[key];
      const hit = value ? this.byIdentifier.get(`${key}:${value}`) : undefined;
      if (hit) return { key, value: value!, item: hit.item };
    }
    const hit = this.titleCandidates(identity).find((r) => sameByTitle(identity, r.identity));
    return hit ? { key: "title", value: identity.title, item: hit.item } : undefined;
  }

  /** Every distinct item the identity matches, identifier matches first. */
  findAll(identity: PaperIdentity): IdentityMatch<T>[] {
    const matches: IdentityMatch<T>[] = [];
    const seen = new Set<IndexedRecord<T>>();
    for (const key of IDENTIFIER_KEYS) {
      const value = identity[key];
      const hit = value ? this.byIdentifier.get(`${key}:${value}`) : undefined;
      if (hit && !seen.has(hit)) {
        seen.add(hit);
        matches.push({ key, value: value!, item: hit.item });
      }
    }
    for (const record of this.titleCandidates(identity)) {
      if (seen.has(record) || !sameByTitle(identity, record.identity)) continue;
      seen.add(record);
      matches.push({ key: "title", value: identity.title, item: record.item });
    }
    return matches;
  }

  private titleCandidates(identity: PaperIdentity): IndexedRecord<T>[] {
    if (!identity.title) return [];
    const all = this.byTitle.get(identity.title) ?? [];
    if (identity.title.length >= MIN_DISTINCTIVE_TITLE_LENGTH || identity.firstAuthor || all.length < 8) return all;
    // A short title without an author matches only within a year (or where years are unknown on both sides: never).
    const year = identity.year;
    if (year === undefined) return [];
    return [year - 1, year, year + 1].flatMap((y) => this.byShortTitleYear.get(`${identity.title}|${y}`) ?? []);
  }
}

interface IndexedRecord<T> {
  identity: PaperIdentity;
  item: T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
