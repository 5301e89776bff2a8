import { cleanText } from "../../catalog/sanitize.ts";

// Characters that hide or reorder text without showing (format controls: zero-width, bidi, Unicode
// tags used to smuggle ASCII), Hangul fillers that render blank, and the variation selectors
// supplement (data smuggled behind an emoji). cleanText already drops the common ones.
const HIDDEN = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u{E0100}-\u{E01EF}]/gu;

/** Untrusted text with nothing invisible left and every run of white space (newlines too) one space. */
export function cleanUntrusted(text: string): string {
  return cleanText(text).replace(HIDDEN, "");
}

/** Untrusted lines (a code block's content) with nothing invisible left; line breaks and tabs kept. */
function stripHidden(text: string): string {
  return text.replace(HIDDEN, "").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

// A zero-width space after "@" or "#" breaks mentions and issue references for every reader of
// the body, including GitHub's e-mail replies, which scan the raw text (Dependabot and Renovate
// learnt this); the entity form keeps the raw body free of the character itself. Entities are
// hexadecimal so that the raw text never holds "#" and a digit (`&#35;` would read as issue 35).
const ZWSP = "&#x200B;";
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#x7C;",
  "[": "&#x5B;",
  "]": "&#x5D;",
  "`": "&#x60;",
  "\\": "&#x5C;",
  $: "&#x24;",
};
const SPECIAL = /:(?=\/\/)|\bwww\.|\bGH-(?=\d)|[@#&<>|[\]`\\$]/gi;

/**
 * A paper's text (title, abstract, rationale, quote, tag name) made inert for a GitHub body, table
 * cell or `<summary>`: it reads the same but cannot mention anyone, link or close an issue (`#1`,
 * `owner/repo#2`, `GH-3`, issue URLs), open HTML (ending our `<details>`), start a link, image,
 * code span or math, or break a table row. Invisible characters are dropped, newlines folded.
 */
export function escapeForGitHub(text: string): string {
  return cleanUntrusted(text).replace(SPECIAL, (match, offset: number, whole: string) => {
    const next = whole[offset + match.length] ?? "";
    if (match === ":") return `&#x3A;${ZWSP}`; // no autolink from a scheme
    if (/^www\.$/i.test(match)) return `${match.slice(0, 3)}&#x2E;${ZWSP}`;
    if (/^gh-$/i.test(match)) return `${match.slice(0, 2)}&#x2D;${ZWSP}`;
    if (match === "@") return /[\p{L}\p{N}_-]/u.test(next) ? `&#x40;${ZWSP}` : "&#x40;";
    if (match === "#") return /\d/.test(next) ? `&#x23;${ZWSP}` : "&#x23;";
    return ENTITIES[match]!;
  });
}

/** The longest run of backticks in a text (a code span or fence must be longer to hold it). */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const [run] of text.matchAll(/`+/g)) longest = Math.max(longest, run.length);
  return longest;
}

/** Text as inline code that nothing in it can close: ids, paths, commands. */
export function codeSpan(text: string): string {
  const clean = cleanUntrusted(text);
  const ticks = "`".repeat(longestBacktickRun(clean) + 1);
  // CommonMark strips one space on each side, so text starting or ending with a backtick survives.
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside, so nothing closes it early. */
export function fencedBlock(text: string, language = ""): string {
  const clean = stripHidden(text);
  const fence = "`".repeat(Math.max(3, longestBacktickRun(clean) + 1));
  return `${fence}${language}\n${clean}\n${fence}`;
}
