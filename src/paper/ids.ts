// Parsers for the identifiers a paper is known by, from ids and from the URLs catalogs and sources use.

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
