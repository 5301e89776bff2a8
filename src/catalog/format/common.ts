import type { Entry, LinkKind } from "../entry.ts";
import type { HeadRegistry } from "../registry.ts";
import { decodeShieldsText, parseShieldsBadge, type ShieldsBadge } from "../shields.ts";
import type { LinkBadge, Problem, RowTemplate, SummaryLayout, TagBadge } from "../document.ts";
import { cleanText, unescapeText, type TextContext } from "../sanitize.ts";

/** White space and `&nbsp;` padding are all a separator between badges may hold. */
const SEPARATOR = /^(?:\s|&nbsp;)*$/;

export interface Sequence {
  items: RegExpExecArray[];
  /** n+1 separators: before the first item, between items, after the last. */
  seps: string[];
}

/**
 * A copy of a small array at its exact size. An array grown by `push` reserves room for 17 items;
 * a parsed catalog keeps a dozen small arrays per row, and at 10,000 rows copying that slack is
 * most of what the garbage collector does during a parse.
 */
export function exact<T>(items: T[]): T[] {
  return items.slice();
}

const globalCache = new Map<string, RegExp>();

/** Reads a run of items (badges, links) separated only by white space; undefined if anything else sits between them. */
export function parseSequence(content: string, item: RegExp): Sequence | undefined {
  let re = globalCache.get(item.source);
  if (!re) globalCache.set(item.source, (re = new RegExp(item.source, "g")));
  re.lastIndex = 0;
  const items: RegExpExecArray[] = [];
  const seps: string[] = [];
  let last = 0;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    const sep = content.slice(last, m.index);
    if (!SEPARATOR.test(sep)) return undefined;
    seps.push(sep);
    items.push(m);
    last = m.index + m[0].length;
  }
  const tail = content.slice(last);
  if (!SEPARATOR.test(tail)) return undefined;
  seps.push(tail);
  return { items, seps: exact(seps) };
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

type TagRead = { badge: TagBadge; problems: Problem[] } | { problem: Problem };
// A catalog repeats a few dozen badges thousands of times; decode each spelling once per registry.
// Keyed by image URL, then alt text: a combined key string would be built and hashed for every badge.
const tagCache = new WeakMap<HeadRegistry, { bySrc: Map<string, Map<string, TagRead>>; size: number }>();

/** A linked badge (`[![Paper](badge)](url)`, `<a href><img></a>`): kind from its message or alt, label from its label. */
export function readLinkBadge(src: string, alt: string, url: string, markup: string, line: number): LinkBadge | { problem: Problem } {
  const badge = parseShieldsBadge(src);
  if (!badge) return { problem: { line, kind: "undecodable-badge", message: `link badge ${src} does not decode` } };
  const label = badge.parts[0]!;
  const message = badge.parts[1] ?? "";
  const kind = linkKindFromWord(message || alt.replace(/\s*badge$/i, ""));
  return { kind, label, url, markup, message: rawMessage(badge), color: badge.color, query: badge.query, alt };
}

// The badge parts after the label as written, once per distinct badge (badges are cached and shared).
const messageCache = new WeakMap<ShieldsBadge, string>();

function rawMessage(badge: ShieldsBadge): string {
  let message = messageCache.get(badge);
  if (message === undefined) messageCache.set(badge, (message = badge.rawParts.slice(1).join("-")));
  return message;
}

// Hot-path helpers are plain loops: tsx names every closure it creates, which costs more than the work.
export function plainLinks(links: readonly LinkBadge[]): Entry["links"] {
  const out: Entry["links"] = [];
  for (const { kind, label, url } of links) out.push({ kind, label, url });
  return exact(out);
}

// Rows repeat a few badge spellings and separator runs thousands of times. A parse keeps every row's
// badge and separator arrays, and one shared array per distinct value spares the garbage collector
// copying thousands of identical ones. Nothing edits a parsed row's arrays in place.
const sepsCache = new Map<string, string[]>();
const oneTagCache = new WeakMap<TagBadge, { badges: TagBadge[]; names: string[] }>();

/** The separators around a row's badges, as an array shared with every row that has the same ones. */
export function sharedSeps(seps: string[]): string[] {
  // Long runs (many badges) are rare and would make long keys.
  if (seps.length > 4) return seps;
  const key = seps.join("\u0000");
  const known = sepsCache.get(key);
  if (known) return known;
  if (sepsCache.size > 1000) sepsCache.clear();
  sepsCache.set(key, seps);
  return seps;
}

/** A row's tag badges and their names, shared by every row with the same single badge (badges are cached and shared). */
export function sharedTags(tags: TagBadge[]): { badges: TagBadge[]; names: string[] } {
  if (tags.length !== 1) return { badges: exact(tags), names: tagNames(tags) };
  const badge = tags[0]!;
  let shared = oneTagCache.get(badge);
  if (!shared) oneTagCache.set(badge, (shared = { badges: [badge], names: [badge.name] }));
  return shared;
}

export function tagNames(tags: readonly TagBadge[]): string[] {
  const out: string[] = [];
  for (const t of tags) out.push(t.name);
  return exact(out);
}

/** A tag badge from its image URL and alt text; a problem when it does not decode. */
export function readTagBadge(src: string, alt: string, registry: HeadRegistry, line: number): TagRead {
  let cache = tagCache.get(registry);
  if (!cache) tagCache.set(registry, (cache = { bySrc: new Map(), size: 0 }));
  let byAlt = cache.bySrc.get(src);
  let read = byAlt?.get(alt);
  if (!read) {
    read = decodeTagBadge(src, alt, registry);
    if (cache.size > 5000) {
      cache.bySrc.clear();
      cache.size = 0;
      byAlt = undefined;
    }
    if (!byAlt) cache.bySrc.set(src, (byAlt = new Map()));
    byAlt.set(alt, read);
    cache.size++;
  }
  if ("problem" in read) return { problem: { ...read.problem, line } };
  if (read.problems.length === 0) return read;
  const problems: Problem[] = [];
  for (const p of read.problems) problems.push({ ...p, line });
  return { badge: read.badge, problems };
}

function decodeTagBadge(src: string, alt: string, registry: HeadRegistry): TagRead {
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
export function trailingSpace(text: string): string {
  return text.slice(text.trimEnd().length);
}

const MARKER = /^((?:\s|&nbsp;)*(?:•|&bull;|&#8226;|[-*](?= ))?[ \t]*)/;
const BR = /<br\s*\/?>[ \t]*\n?[ \t]*/g;

type BrSummary = { kind: "bullets"; bullets: string[] } | { kind: "prose"; text: string } | { kind: "none" };

/**
 * Reads a summary written as items split by `<br>` (each optionally led by a bullet marker), with
 * `open`/`close` around them. One unmarked item is prose; marked items are bullets.
 * Without `withLayout` the layout's item arrays are left empty: a lazily read template does not
 * keep the layout, and building it for every row of a large catalog cost time for nothing.
 */
export function parseBrSummary(open: string, inner: string, close: string, context: TextContext, withLayout = true): {
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
    if (withLayout) {
      pre.push(marker);
      post.push(after);
      raw.push(text);
    }
    texts.push(cleanText(unescapeText(text, context)));
    if (!br) break;
    if (withLayout) seps.push(br[0]);
    last = br.index + br[0].length;
  }
  // The layout's arrays are not copied to size: a lazily read template keeps only the few it is asked for.
  const layout: SummaryLayout = { open: open + lead, close: trail + close, pre, post, seps, raw };
  if (texts.length === 1 && marked === 0) return { layout, summary: { kind: "prose", text: texts[0]! } };
  return { layout, summary: { kind: "bullets", bullets: exact(texts) } };
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

/**
 * A row template whose literal parts and summary layout are read from the row only when first
 * asked for. Re-rendering a row needs them; parsing, looking papers up and inserting need them for
 * a handful of rows, and keeping them for every row of a 10,000-paper catalog was over a third of
 * what a parse kept alive (and so of what the garbage collector copied). The badges and their
 * separators, which the vocabulary reads across all rows, are kept from the first reading.
 */
export abstract class LazyTemplate implements RowTemplate {
  private full: RowTemplate | undefined;

  constructor(
    public tags: TagBadge[],
    public tagSeps: string[],
    public links: LinkBadge[],
    public linkSeps: string[],
    public rawTitle: string,
  ) {}

  /** The whole template, from reading the row again (it read cleanly the first time, so it reads the same). */
  protected abstract readAgain(): RowTemplate;

  get parts(): RowTemplate["parts"] {
    return this.complete().parts;
  }

  set parts(parts: RowTemplate["parts"]) {
    this.complete().parts = parts;
  }

  get summary(): SummaryLayout | undefined {
    return this.complete().summary;
  }

  set summary(summary: SummaryLayout | undefined) {
    this.complete().summary = summary;
  }

  private complete(): RowTemplate {
    return (this.full ??= this.readAgain());
  }
}
