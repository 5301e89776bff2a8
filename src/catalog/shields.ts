// shields.io static badges put their text in the URL path: `label-message-color`, where a single
// `-` separates parts, `--` is a literal dash, `_` is a space and `__` a literal underscore.

export interface ShieldsBadge {
  /** Decoded text parts before the colour: [message] or [label, message]. */
  parts: string[];
  /** The raw path text of each part, exactly as the document wrote it. */
  rawParts: string[];
  color: string;
  /** Everything after `?` (e.g. `logo=arxiv`), without the `?`; empty when absent. */
  query: string;
}

const BADGE_URL = /^https?:\/\/img\.shields\.io\/badge\/([^?#\s]+)(?:\?([^#\s]*))?$/;

/** Decodes one part of a badge path; undefined when its percent-escapes are broken. */
export function decodeShieldsText(raw: string): string | undefined {
  const spaced = raw.replace(/__|_/g, (m) => (m === "__" ? "\u0000" : " ")).replace(/\u0000/g, "_").replace(/--/g, "-");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/**
 * Encodes text for a badge path. `space` is how the document spells a space (`_` or `%20`);
 * anything that would end the path or change its meaning is percent-encoded.
 */
export function encodeShieldsText(text: string, space: "_" | "%20" = "_"): string {
  let out = "";
  // Half a surrogate pair has no UTF-8 encoding (encodeURIComponent throws on it).
  for (const ch of text.replace(/\p{Surrogate}/gu, "\uFFFD")) {
    if (ch === "-") out += "--";
    else if (ch === "_") out += "__";
    else if (ch === " ") out += space;
    else if (/[A-Za-z0-9.~]/.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

// Catalogs repeat a few dozen badges thousands of times: each is split and decoded once.
const badgeCache = new Map<string, ShieldsBadge | undefined>();

/** Splits a shields.io badge URL into its parts, or undefined if it is not one or does not decode. */
export function parseShieldsBadge(url: string): ShieldsBadge | undefined {
  if (!badgeCache.has(url)) {
    if (badgeCache.size >= 10_000) badgeCache.clear();
    badgeCache.set(url, splitBadge(url));
  }
  return badgeCache.get(url);
}

function splitBadge(url: string): ShieldsBadge | undefined {
  const m = BADGE_URL.exec(url);
  if (!m) return undefined;
  const rawParts = m[1]!.split(/(?<!-)-(?!-)/);
  if (rawParts.length < 2) return undefined;
  const color = rawParts.pop()!;
  const parts: string[] = [];
  for (const raw of rawParts) {
    const decoded = decodeShieldsText(raw);
    if (decoded === undefined) return undefined;
    parts.push(decoded);
  }
  return { parts, rawParts, color, query: m[2] ?? "" };
}
