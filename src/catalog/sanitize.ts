import { HeadscoutError } from "../errors.ts";

/** Where a piece of text ends up: a markdown table cell, a bullet line, or an HTML table cell. */
export type TextContext = "markdown" | "bullets" | "html";

// Zero-width, bidi-control and other invisible characters: they can hide text from reviewers
// or reorder what a maintainer sees, so untrusted text never keeps them.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
const MD_PUNCT = /[\\`*[\]|]/g;

const NEEDS_CLEANING = new RegExp(`${INVISIBLE.source}|\\s\\s|[^\\S ]`);

/** Drops invisible characters and folds every run of white space (newlines too) into one space. */
export function cleanText(text: string): string {
  // Most titles and summaries are clean already: only rebuild those that are not.
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/**
 * Escapes untrusted text (a title or summary from a paper or an LLM) so that it reads as plain
 * text in the given context: it cannot end a table cell or row, open HTML, images or links,
 * or mention (and so notify) anyone.
 */
export function escapeText(text: string, context: TextContext): string {
  let out = cleanText(text)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|[^A-Za-z0-9])@(?=[A-Za-z0-9])/g, "$1&#64;");
  if (context === "html") {
    out = out.replace(/`/g, "&#96;").replace(/\[/g, "&#91;").replace(/]/g, "&#93;");
  } else {
    out = out.replace(MD_PUNCT, (c) => (c === "|" && context === "bullets" ? c : `\\${c}`));
  }
  return out;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const LAST_CODE_POINT = 0x10ffff;

/** The number a numeric reference (`#x41`, `#65`) gives: a code point, unless it is beyond U+10FFFF. */
function referencedCodePoint(name: string): number {
  return name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
}

/** Reads text as the document wrote it: HTML entities and (outside HTML) markdown escapes decoded. */
export function unescapeText(raw: string, context: TextContext): string {
  // Nothing to decode without an entity, or (outside HTML, which keeps backslashes) an escape.
  if (!raw.includes("&") && (context === "html" || !raw.includes("\\"))) return raw;
  let out = raw;
  if (context !== "html") out = out.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  return out.replace(ENTITY, (m, name: string) => {
    if (!name.startsWith("#")) return NAMED[name.toLowerCase()] ?? m;
    // A reference beyond the last code point names no character: it stays as written (parseCatalog reports it).
    const codePoint = referencedCodePoint(name);
    return codePoint <= LAST_CODE_POINT ? String.fromCodePoint(codePoint) : m;
  });
}

/** The first numeric character reference in the text that names no character (`&#x110000;`), if any. */
export function badCharacterReference(text: string): string | undefined {
  for (const [m, name] of text.matchAll(ENTITY)) if (name!.startsWith("#") && referencedCodePoint(name!) > LAST_CODE_POINT) return m;
  return undefined;
}

/**
 * A link target safe to put in the document: http(s) only, and with the characters that would
 * end a markdown link or an HTML attribute percent-encoded.
 */
export function sanitizeUrl(url: string): string {
  const cleaned = url.replace(INVISIBLE, "").trim();
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch (cause) {
    throw new HeadscoutError(`link '${url}' is not a valid URL`, { cause });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new HeadscoutError(`link '${url}' must be http(s), not ${parsed.protocol}`);
  }
  return cleaned.replace(/[\s"'<>()`[\]|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
