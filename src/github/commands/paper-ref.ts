import { identityKey, type IdentityKeys } from "../../paper/identity.ts";
import { parseAclId, parseArxivId, parseArxivVersion, parseDoi, parseOpenReviewId } from "../../paper/ids.ts";
import { normalizeTitle } from "../../paper/title.ts";

export type PaperIdKind = "arxiv" | "openreview" | "acl" | "doi" | "title";

/** A paper a maintainer named in a command. */
export interface PaperRef {
  /** The identity key, as `identityKey` writes it and the ledger and the bodies show it: `arxiv:2404.15574`. */
  key: string;
  kind: PaperIdKind;
  /** The one identifier as identity keys (the title is "" unless the key is a title), for `IdentityIndex` lookups. */
  identity: IdentityKeys;
  /** The arXiv version the maintainer wrote (`2404.15574v2` → 2); the key never has one. */
  version?: number;
  /** The text as written, for replies. */
  written: string;
}

const OPENREVIEW_ID = /^[A-Za-z0-9_-]+$/;

/**
 * A token as a maintainer may paste it: in a code span (the bodies show keys so), in angle brackets,
 * as a markdown link `[2404.15574](https://arxiv.org/abs/2404.15574)`, or followed by punctuation.
 */
function unwrap(text: string): string {
  const trimmed = text.trim();
  const link = /^\[[^\]]*\]\(<?([^()\s]+?)>?\)$/.exec(trimmed);
  return (link ? link[1]! : trimmed).replace(/^[`'"<(]+/, "").replace(/[`'">),.;:!?]+$/, "");
}

function ref(kind: PaperIdKind, value: string, written: string, version?: number): PaperRef {
  const identity: IdentityKeys = kind === "title" ? { title: value } : { [kind]: value, title: "" };
  return { key: identityKey(identity), kind, identity, ...(version !== undefined ? { version } : {}), written };
}

/**
 * The paper a token names: an identity key (`arxiv:2404.15574`, `openreview:AbC_1`, `acl:…`,
 * `doi:…`, `title:…`, any the ledger or a body shows), an arXiv id with or without its version
 * (`2404.15574v2`, `hep-th/9901001`), an arXiv, OpenReview, ACL Anthology or doi.org URL, or a bare
 * DOI. One identity key whichever is written. Undefined when it names none.
 */
export function parsePaperRef(text: string): PaperRef | undefined {
  const written = text.trim();
  const token = unwrap(written);
  if (!token) return undefined;
  const prefixed = /^(openreview|acl|title):(.+)$/i.exec(token);
  if (prefixed) {
    const kind = prefixed[1]!.toLowerCase() as "openreview" | "acl" | "title";
    const value = kind === "title" ? normalizeTitle(prefixed[2]!) : prefixed[2]!;
    if (!value || (kind === "openreview" && !OPENREVIEW_ID.test(value))) return undefined;
    return ref(kind, value, written);
  }
  if (/openreview\.net\//i.test(token)) {
    const id = parseOpenReviewId(token);
    return id ? ref("openreview", id, written) : undefined;
  }
  if (/aclanthology\.org\//i.test(token)) {
    const id = parseAclId(token);
    return id ? ref("acl", id, written) : undefined;
  }
  const arxiv = parseArxivId(token);
  if (arxiv) return ref("arxiv", arxiv, written, parseArxivVersion(token));
  const doi = parseDoi(token);
  return doi ? ref("doi", doi, written) : undefined;
}

/** The kinds a command that fetches papers can fetch: arXiv and OpenReview. */
export const FETCHABLE_KINDS: readonly PaperIdKind[] = ["arxiv", "openreview"];
