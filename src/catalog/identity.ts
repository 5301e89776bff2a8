import type { IdentityKeys, Link } from "./entry.ts";

// New-style ids (2007+) are YYMM.NNNN(N); old-style ones are archive(.SUBJ)/YYMMNNN.
const ARXIV_NEW = /(\d{4}\.\d{4,5})(?:v\d+)?/;
const ARXIV_OLD = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/;
const ARXIV_ID = new RegExp(`^(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})/?$`);

/** The arXiv id without version from an id or any arxiv.org URL (abs, pdf, html; www. or not). */
export function parseArxivId(text: string): string | undefined {
  const trimmed = text.trim();
  const fromUrl = /arxiv\.org\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?(?:[?#].*)?$/i.exec(trimmed);
  const candidate = fromUrl ? fromUrl[1]! : trimmed.replace(/^arxiv:/i, "");
  const m = ARXIV_ID.exec(candidate);
  if (!m) return undefined;
  return m[1] ?? m[2];
}

/** The arXiv version number (`2404.15574v3` → 3), if the id or URL names one. */
export function parseArxivVersion(text: string): number | undefined {
  const m = /v(\d+)(?:\.pdf)?\/?(?:[?#].*)?$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** The OpenReview forum id from a forum or pdf URL (`?id=…`). */
export function parseOpenReviewId(url: string): string | undefined {
  const m = /openreview\.net\/(?:forum|pdf)\?(?:.*&)?id=([A-Za-z0-9_-]+)/i.exec(url);
  return m?.[1];
}

/** The ACL Anthology id (`2024.findings-acl.199`, `P16-1154`) from an anthology URL. */
export function parseAclId(url: string): string | undefined {
  const m = /aclanthology\.org\/([A-Za-z0-9.-]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(url);
  return m?.[1];
}

/**
 * A DOI, lower-cased, from a doi.org URL, a publisher's `/doi/[abs|full|pdf/]10.x/…` URL
 * (ACM, Wiley, SAGE…) or a bare `10.x/…` string.
 */
export function parseDoi(text: string): string | undefined {
  const m = /(?:doi\.org\/|\/doi\/(?:abs\/|full\/|pdf\/|epdf\/)?|^doi:\s*|^)(10\.\d{4,9}\/[^\s?#]+)(?:[?#]\S*)?$/i.exec(text.trim());
  return m ? decodeURIComponent(m[1]!).toLowerCase() : undefined;
}

/**
 * A title reduced to what survives reformatting: lower case, accents and LaTeX markup stripped,
 * punctuation and white space dropped. Two renderings of one title compare equal.
 */
export function normalizeTitle(title: string): string {
  // Plain ASCII has no accents to strip: skip the (slow) Unicode normalisation.
  if (/^[\x20-\x7E]*$/.test(title)) return normalizeAscii(title);
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\\[a-zA-Z]+\s*/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

// The same reduction for plain ASCII, as one pass over the characters (catalogs have thousands of titles).
// The kept characters are collected as codes and turned into one flat string at the end: appending
// them one by one would leave a chain of dozens of cons-strings per title for the parsed document to hold.
function normalizeAscii(title: string): string {
  const codes: number[] = [];
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c === 92 /* \ */ && isAsciiLetter(title.charCodeAt(i + 1))) {
      // A LaTeX command and the spaces after it: `\textit ` → nothing (printable ASCII has no other white space).
      let j = i + 1;
      while (isAsciiLetter(title.charCodeAt(j))) j++;
      while (title.charCodeAt(j) === 32) j++;
      i = j - 1;
      continue;
    }
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) codes.push(c);
  }
  return String.fromCharCode(...codes);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Identity keys derived from an entry's links and title. */
export function deriveIdentityKeys(title: string, links: readonly Pick<Link, "url">[]): IdentityKeys {
  const keys: IdentityKeys = { title: normalizeTitle(title) };
  // Whether a link named a key but did not yield it (`??=` evaluates to the key's value).
  let missed = false;
  for (const { url } of links) {
    // Cheap host checks first: catalogs have thousands of links and most are arXiv or GitHub.
    if (/arxiv/i.test(url)) missed = (keys.arxiv ??= parseArxivId(url)) === undefined || missed;
    if (/openreview/i.test(url)) missed = (keys.openreview ??= parseOpenReviewId(url)) === undefined || missed;
    if (/aclanthology/i.test(url)) missed = (keys.acl ??= parseAclId(url)) === undefined || missed;
    if (url.includes("10.")) missed = (keys.doi ??= parseDoi(url)) === undefined || missed;
  }
  // Only then are there keys to drop: looking up absent keys on every entry costs more than deriving them.
  if (missed) for (const key of ["arxiv", "openreview", "acl", "doi"] as const) if (keys[key] === undefined) delete keys[key];
  return whole(keys);
}

/**
 * The keys as one object literal in the common title + arXiv case. A key added to an object after
 * it was created goes to a separate property array: one more object per row of a parsed catalog
 * for the garbage collector to copy.
 */
function whole(keys: IdentityKeys): IdentityKeys {
  // Absent keys were deleted above, so a key that is in the object has a value.
  const onlyArxiv = "arxiv" in keys && !("openreview" in keys) && !("acl" in keys) && !("doi" in keys);
  return onlyArxiv ? { title: keys.title, arxiv: keys.arxiv } : keys;
}

/** The first key two papers share (`arxiv`, `openreview`, `acl`, `doi`, `title`), or undefined. */
export function sharedIdentityKey(a: IdentityKeys, b: IdentityKeys): keyof IdentityKeys | undefined {
  for (const key of ["arxiv", "openreview", "acl", "doi", "title"] as const) {
    const x = a[key];
    if (x && x === b[key]) return key;
  }
  return undefined;
}
