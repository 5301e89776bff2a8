import type { Link, LinkKind } from "../entry.ts";
import type { HeadRegistry } from "../registry.ts";
import { decodeShieldsText, parseShieldsBadge } from "../shields.ts";
import type { LinkBadge, Problem, SummaryLayout, TagBadge } from "../document.ts";
import { cleanText, unescapeText, type TextContext } from "../sanitize.ts";

/** White space and `&nbsp;` padding are all a separator between badges may hold. */
const SEPARATOR = /^(?:\s|&nbsp;)*$/;

export interface Sequence {
  items: RegExpExecArray[];
  /** n+1 separators: before the first item, between items, after the last. */
  seps: string[];
}

/**
 * Reads a run of items (badges, links) separated only by white space; undefined if anything else
 * sits between them. `item` must be a global regex (its lastIndex is reset).
 */
export function parseSequence(content: string, item: RegExp): Sequence | undefined {
  const items: RegExpExecArray[] = [];
  const seps: string[] = [];
  let last = 0;
  item.lastIndex = 0;
  for (let m = item.exec(content); m; m = item.exec(content)) {
    const sep = content.slice(last, m.index);
    if (!SEPARATOR.test(sep)) return undefined;
    seps.push(sep);
    items.push(m);
    last = m.index + m[0].length;
  }
  const tail = content.slice(last);
  if (!SEPARATOR.test(tail)) return undefined;
  seps.push(tail);
  return { items, seps };
}

const KIND_BY_WORD: [RegExp, LinkKind][] = [
  [/^(paper|poster|oral|spotlight|pdf|article|preprint)$/i, "paper"],
  [/^(code|github|repo)$/i, "code"],
  [/^(data|dataset|datasets)$/i, "data"],
  [/^(page|project|website|homepage)$/i, "project"],
  [/^(view|demo|app)$/i, "demo"],
  [/^(post|blog)$/i, "blog"],
];

/** The kind of a link from its badge message or bracket text (`Paper`, `Code`, `View`, `Page`). */
export function linkKindFromWord(word: string): LinkKind {
  const w = word.trim();
  for (const [re, kind] of KIND_BY_WORD) if (re.test(w)) return kind;
  return "other";
}

/** The word a link of this kind shows in the formats that spell it out (`[[Code](…)]`). */
export function wordForKind(kind: LinkKind): string {
  return { paper: "Paper", code: "Code", demo: "Demo", project: "Project", data: "Data", blog: "Blog", other: "Link" }[kind];
}

/** A linked badge (`[![Paper](badge)](url)`, `<a href><img></a>`): kind from its message or alt, label from its label. */
function readLinkBadge(src: string, alt: string, url: string, markup: string, line: number): LinkBadge | { problem: Problem } {
  const badge = parseShieldsBadge(src);
  if (!badge) return { problem: { line, kind: "undecodable-badge", message: `link badge ${src} does not decode` } };
  const kind = linkKindFromWord(badge.parts[1] || alt.replace(/\s*badge$/i, ""));
  const message = badge.rawParts.slice(1).join("-");
  return { kind, label: badge.parts[0]!, url, markup, message, color: badge.color, query: badge.query, alt };
}

type TagRead = { badge: TagBadge; problems: Problem[] } | { problem: Problem };

// A catalog repeats a few dozen tag badges thousands of times: each spelling is judged once per registry.
const tagReads = new WeakMap<HeadRegistry, Map<string, TagRead>>();

/** A tag badge from its image URL and alt text, with the problems of its spelling; a problem when it does not decode. */
function readTagBadge(src: string, alt: string, registry: HeadRegistry, line: number): TagRead {
  let reads = tagReads.get(registry);
  if (!reads) tagReads.set(registry, (reads = new Map()));
  const key = `${src}\u0000${alt}`;
  let read = reads.get(key);
  if (!read) {
    if (reads.size >= 10_000) reads.clear();
    reads.set(key, (read = judgeTagBadge(src, alt, registry)));
  }
  if ("problem" in read) return { problem: { ...read.problem, line } };
  return read.problems.length === 0 ? read : { badge: read.badge, problems: read.problems.map((p) => ({ ...p, line })) };
}

/** What readTagBadge reads, with no line numbers yet. */
function judgeTagBadge(src: string, alt: string, registry: HeadRegistry): TagRead {
  const line = 0;
  const badge = parseShieldsBadge(src);
  if (!badge || badge.parts.length !== 1) {
    return { problem: { line, kind: "undecodable-badge", message: `tag badge ${src} does not decode to one head name` } };
  }
  const spelled = badge.parts[0]!;
  const head = registry.find(spelled);
  const problems: Problem[] = [];
  if (!head) {
    problems.push({ line, kind: "unknown-tag", message: `tag '${spelled}' is not in data/heads.json` });
  } else if (![head.name, decodeShieldsText(head.slug) ?? head.slug].some((s) => s.toLowerCase() === spelled.toLowerCase())) {
    problems.push({ line, kind: "aliased-tag", message: `tag '${spelled}' is an alias of '${head.name}' (badge ${head.slug})` });
  }
  return { badge: { name: head?.name ?? spelled, slug: badge.rawParts[0]!, color: badge.color, alt }, problems };
}

/** A cell of tag badges: the badges, their separators and the problems of their spelling, or the problem that stops the row. */
export function readTagCell(
  content: string,
  badge: RegExp,
  srcAndAlt: (m: RegExpExecArray) => [src: string, alt: string],
  registry: HeadRegistry,
  line: number,
): { tags: TagBadge[]; seps: string[]; problems: Problem[] } | { problem: Problem } {
  const seq = parseSequence(content, badge);
  if (!seq) return unparsable(line, `tag cell holds something other than badges: ${cleanText(content).slice(0, 80)}`);
  const tags: TagBadge[] = [];
  const problems: Problem[] = [];
  for (const m of seq.items) {
    const read = readTagBadge(...srcAndAlt(m), registry, line);
    if ("problem" in read) return read;
    tags.push(read.badge);
    for (const p of read.problems) problems.push(p);
  }
  return { tags, seps: seq.seps, problems };
}

/** A cell of linked badges: the links and their separators, or the problem that stops the row. */
export function readLinkCell(
  content: string,
  badge: RegExp,
  srcAltAndUrl: (m: RegExpExecArray) => [src: string, alt: string, url: string],
  line: number,
): { links: LinkBadge[]; seps: string[] } | { problem: Problem } {
  const seq = parseSequence(content, badge);
  if (!seq) return unparsable(line, `link cell holds something other than linked badges: ${cleanText(content).slice(0, 80)}`);
  const links: LinkBadge[] = [];
  for (const m of seq.items) {
    const link = readLinkBadge(...srcAltAndUrl(m), m[0], line);
    if ("problem" in link) return link;
    links.push(link);
  }
  return { links, seps: seq.seps };
}

/** The entry's links: what each link badge points to. */
export function plainLinks(links: readonly LinkBadge[]): Link[] {
  return links.map(({ kind, label, url }) => ({ kind, label, url }));
}

export function unparsable(line: number, message: string): { problem: Problem } {
  return { problem: { line, kind: "unparsable-row", message } };
}

/** The dates a section holds, from its title: `Year 2024`, `2023`, `Before ChatGPT Announced`. */
export function sectionRange(title: string | undefined): { from?: string; to?: string } | undefined {
  if (!title) return undefined;
  const year = /^(?:year\s+)?((?:19|20)\d{2})$/i.exec(title.trim())?.[1];
  if (year) return { from: `${year}-01-01`, to: `${year}-12-31` };
  // ChatGPT was announced on 2022-11-30; the catalog files everything older under this heading.
  if (/^before\b.*chatgpt/i.test(title.trim())) return { to: "2022-11-29" };
  const before = /^before\s+((?:19|20)\d{2})$/i.exec(title.trim())?.[1];
  if (before) return { to: `${Number(before) - 1}-12-31` };
  return undefined;
}

/** The white space at the end of a string (a regex `\s*$` rescans from every position). */
function trailingSpace(text: string): string {
  return text.slice(text.trimEnd().length);
}

const MARKER = /^((?:\s|&nbsp;)*(?:•|&bull;|&#8226;|[-*](?= ))?[ \t]*)/;
const BR = /<br\s*\/?>[ \t]*\n?[ \t]*/g;

type BrSummary = { kind: "bullets"; bullets: string[] } | { kind: "prose"; text: string } | { kind: "none" };

/**
 * Reads a summary written as items split by `<br>` (each optionally led by a bullet marker), with
 * `open`/`close` around them. One unmarked item is prose; marked items are bullets.
 */
export function parseBrSummary(open: string, inner: string, close: string, context: TextContext): {
  layout: SummaryLayout;
  summary: BrSummary;
} {
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = trailingSpace(inner.slice(lead.length));
  const core = inner.slice(lead.length, inner.length - trail.length);
  if (core === "") return { layout: { open: open + lead, close: trail + close, pre: [], post: [], seps: [], raw: [] }, summary: { kind: "none" } };
  const pre: string[] = [];
  const post: string[] = [];
  const seps: string[] = [];
  const raw: string[] = [];
  const texts: string[] = [];
  let marked = 0;
  let last = 0;
  BR.lastIndex = 0;
  for (;;) {
    const br = BR.exec(core);
    const segment = core.slice(last, br ? br.index : core.length);
    const marker = MARKER.exec(segment)![1]!;
    const rest = segment.slice(marker.length);
    const after = trailingSpace(rest);
    const text = rest.slice(0, rest.length - after.length);
    if (/[•*-]|&bull;|&#8226;/.test(marker)) marked++;
    pre.push(marker);
    post.push(after);
    raw.push(text);
    texts.push(cleanText(unescapeText(text, context)));
    if (!br) break;
    seps.push(br[0]);
    last = br.index + br[0].length;
  }
  const layout: SummaryLayout = { open: open + lead, close: trail + close, pre, post, seps, raw };
  if (texts.length === 1 && marked === 0) return { layout, summary: { kind: "prose", text: texts[0]! } };
  return { layout, summary: { kind: "bullets", bullets: texts } };
}

/** Reads `<li>` items (optionally wrapped in `<small>`) between `open` and `close`. */
export function parseListSummary(open: string, inner: string, close: string, context: TextContext) {
  const layout: SummaryLayout = { open, close, pre: [], post: [], seps: [], raw: [] };
  const re = /(<li>\s*(?:<small>)?)([\s\S]*?)((?:<\/small>)?\s*<\/li>)/g;
  const bullets: string[] = [];
  let last = 0;
  for (const m of inner.matchAll(re)) {
    const sep = inner.slice(last, m.index);
    if (bullets.length > 0) layout.seps.push(sep);
    else if (sep.trim() !== "") return undefined;
    layout.pre.push(m[1]!);
    layout.raw.push(m[2]!);
    layout.post.push(m[3]!);
    bullets.push(cleanText(unescapeText(m[2]!, context)));
    last = m.index + m[0].length;
  }
  if (inner.slice(last).trim() !== "" || bullets.length === 0) return undefined;
  return { layout, summary: { kind: "bullets" as const, bullets } };
}

/** Escaped title or summary text equals the entry's text once decoded: the raw spelling can be kept. */
export function sameText(raw: string, text: string, context: TextContext): boolean {
  return cleanText(unescapeText(raw, context)) === cleanText(text);
}
