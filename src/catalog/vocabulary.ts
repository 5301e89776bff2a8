import { linkKindSchema, type Link } from "./entry.ts";
import type { CatalogFormat, LinkBadge, ParsedEntry, RowTemplate, SummaryLayout, TagBadge } from "./document.ts";
import { foldHeadName, type HeadRegistry } from "./registry.ts";
import { cleanText } from "./sanitize.ts";
import { encodeShieldsText } from "./shields.ts";
import { wordForKind } from "./format/common.ts";

/** How a document spells the things a new entry needs: tag badges, link badges, summaries, separators. */
export interface Vocabulary {
  tagBadge(name: string): TagBadge;
  linkBadge(link: Link): LinkBadge;
  summaryLayout(kind: "bullets" | "prose"): SummaryLayout;
  /**
   * The separator between badges in the rows nearest to `near` that have two or more (a row with
   * one badge does not show it); the document's most common one when none does.
   */
  between(kind: "tags" | "links", near: RowTemplate): string;
  summarySep: string;
  defaultVenue: string;
}

const DEFAULT_LINK: Record<Link["kind"], { message: string; color: string }> = {
  paper: { message: "Paper", color: "%23D2691E" },
  code: { message: "Code", color: "brightgreen" },
  data: { message: "Data", color: "brightgreen" },
  project: { message: "Page", color: "black" },
  demo: { message: "View", color: "purple" },
  blog: { message: "Post", color: "black" },
  other: { message: "Link", color: "grey" },
};

const DEFAULT_SUMMARY: Record<CatalogFormat, Record<"bullets" | "prose", SummaryLayout>> = {
  html: {
    bullets: { open: "\n      ", close: "\n    ", pre: ["• "], post: [""], seps: ["<br>\n      "], raw: [] },
    prose: { open: "\n      ", close: "\n    ", pre: [""], post: [""], seps: [], raw: [] },
  },
  markdown: {
    bullets: { open: "<br><sub>", close: "</sub>", pre: ["&nbsp;&nbsp;• "], post: [""], seps: ["<br>"], raw: [] },
    prose: { open: "<br><sub>", close: "</sub>", pre: [""], post: [""], seps: [], raw: [] },
  },
  bullets: {
    bullets: { open: "", close: "", pre: [], post: [], seps: [], raw: [] },
    prose: { open: "", close: "", pre: [], post: [], seps: [], raw: [] },
  },
};

/** The value whose key occurs most often (the first such value on a tie). */
function mostCommon<T>(values: readonly T[], key: (v: T) => string): T | undefined {
  const counts = new Map<string, { v: T; n: number }>();
  for (const v of values) {
    const k = key(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v, n: 1 });
  }
  let best: { v: T; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.v;
}

/** The first value of each key. */
function firstBy<T>(values: readonly T[], key: (v: T) => string): Map<string, T> {
  const first = new Map<string, T>();
  for (const v of values) {
    const k = key(v);
    if (!first.has(k)) first.set(k, v);
  }
  return first;
}

/** The element of ascending `sorted` nearest to `at`, the smaller one on a tie. */
function nearest(sorted: readonly number[], at: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  const before = sorted[lo - 1];
  const after = sorted[lo];
  if (before === undefined) return after;
  if (after === undefined) return before;
  return at - before <= after - at ? before : after;
}

function logoOf(query: string | undefined): string | undefined {
  return /(?:^|&)logo=([^&]+)/.exec(query ?? "")?.[1];
}

/** How a tag badge's alt text is written: empty, `Induction Head Badge`, or the head's name. */
function altStyle(alt: string): "empty" | "badge" | "name" {
  return alt === "" ? "empty" : / Badge$/.test(alt) ? "badge" : "name";
}

/** The space spelling a document's tag badges use: `%20` in the oldest versions, `_` later. */
function badgeSpace(tags: readonly TagBadge[]): "_" | "%20" {
  const paths = tags.map((t) => `${t.slug}-${t.color}`);
  const percent = paths.filter((p) => p.includes("%20")).length;
  const underscore = paths.filter((p) => /(?<!_)_(?!_)/.test(p)).length;
  return percent > underscore ? "%20" : "_";
}

/**
 * The separator between two badges in the rows nearest to a row, nearer ones first and earlier
 * ones on a tie; the document's most common one when no row has two badges.
 */
function badgeSeparators(templates: readonly RowTemplate[], sepsOf: (t: RowTemplate) => string[], fallback: string): (near: number) => string {
  // A row with one badge shows no separator between badges.
  const showing: number[] = [];
  const between: string[] = [];
  templates.forEach((t, i) => {
    const seps = sepsOf(t);
    if (seps.length > 2) showing.push(i);
    for (let k = 1; k < seps.length - 1; k++) between.push(seps[k]!);
  });
  const common = mostCommon(between, (s) => s) ?? fallback;
  return (near) => {
    const row = nearest(showing, near);
    return row === undefined ? common : sepsOf(templates[row]!)[1]!;
  };
}

/**
 * The summary layout the document uses most for each kind (bullets, prose), cut to one item: a
 * prose layout falls back to the bullets one, and a document without summaries to the default.
 */
function commonSummaryLayouts(entries: readonly ParsedEntry[], format: CatalogFormat): Record<"bullets" | "prose", SummaryLayout> {
  const keyed = entries.flatMap(({ entry, template: { summary: l } }) =>
    l && l.pre.length > 0 ? [{ kind: entry.summary.kind, layout: l, key: `${l.open}\u0000${l.close}\u0000${l.pre[0]}\u0000${l.seps[0]}` }] : [],
  );
  const common = (kind: "bullets" | "prose") => mostCommon(keyed.filter((k) => k.kind === kind), (k) => k.key)?.layout;
  const cut = (l: SummaryLayout): SummaryLayout => ({ ...l, pre: [l.pre[0]!], post: [l.post[0]!], seps: l.seps.slice(0, 1), raw: [] });
  const bullets = common("bullets");
  const prose = common("prose") ?? bullets;
  return {
    bullets: bullets ? cut(bullets) : DEFAULT_SUMMARY[format].bullets,
    prose: prose ? cut(prose) : DEFAULT_SUMMARY[format].prose,
  };
}

/** What the document's rows say about its spelling, read once, so that each lookup is constant time. */
export function buildVocabulary(format: CatalogFormat, entries: readonly ParsedEntry[], registry: HeadRegistry): Vocabulary {
  const templates = entries.map((e) => e.template);
  const tags = templates.flatMap((t) => t.tags);
  const links = templates.flatMap((t) => t.links);
  const space = badgeSpace(tags);
  // Folding a name costs more than a lookup: fold each distinct name once. The first badge of a head wins.
  const spelled = firstBy([...firstBy(tags, (t) => t.name).values()], (t) => foldHeadName(t.name));
  const tagColor = mostCommon(tags, (t) => t.color)?.color ?? "blue";
  const tagAlt = mostCommon(tags.map((t) => altStyle(t.alt)), (s) => s) ?? (format === "html" ? "badge" : "empty");
  const linkAltBadge = links.length > 0 ? links.filter((l) => / Badge$/.test(l.alt ?? "")).length * 2 > links.length : format === "html";
  const linkOfKind = firstBy(links, (l) => l.kind);
  const linkOfKindAndLabel = firstBy(links, (l) => `${l.kind}\u0000${l.label}`);
  const commonLinkOfKind = new Map(linkKindSchema.options.map((kind) => [kind, mostCommon(links.filter((l) => l.kind === kind), (l) => `${l.message}|${l.color}|${l.alt}`)]));
  const summaryLayouts = commonSummaryLayouts(entries, format);
  const indexOf = new Map(templates.map((t, i) => [t, i]));
  const between = {
    tags: badgeSeparators(templates, (t) => t.tagSeps, format === "html" ? "" : " "),
    links: badgeSeparators(templates, (t) => t.linkSeps, " "),
  };

  return {
    tagBadge(name) {
      const head = registry.find(name);
      const canonical = head?.name ?? cleanText(name);
      const known = spelled.get(foldHeadName(canonical));
      if (known) return { ...known, name: canonical };
      const slug = head ? (space === "_" ? head.slug : head.slug.replace(/(?<!_)_(?!_)/g, "%20")) : encodeShieldsText(canonical, space);
      const alt = tagAlt === "empty" ? "" : tagAlt === "badge" ? `${canonical} Badge` : canonical;
      return { name: canonical, slug, color: tagColor, alt };
    },
    linkBadge(link) {
      if (format === "bullets") return { ...link, markup: "", text: linkOfKind.get(link.kind)?.text ?? wordForKind(link.kind) };
      const exact = linkOfKindAndLabel.get(`${link.kind}\u0000${link.label}`);
      const base = exact ?? commonLinkOfKind.get(link.kind);
      const word = wordForKind(link.kind);
      const logo = logoOf(base?.query);
      const query = exact ? exact.query : logo && foldHeadName(logo) === foldHeadName(link.label) ? base?.query : "";
      return {
        ...link,
        markup: "",
        rawLabel: encodeShieldsText(link.label, space),
        message: base?.message ?? DEFAULT_LINK[link.kind].message,
        color: base?.color ?? DEFAULT_LINK[link.kind].color,
        query: query ?? "",
        alt: base?.alt ?? (linkAltBadge ? `${word} Badge` : word),
      };
    },
    summaryLayout: (kind) => summaryLayouts[kind],
    between: (kind, near) => between[kind](indexOf.get(near) ?? 0),
    summarySep: format === "html" ? "<br>\n      " : "<br>",
    defaultVenue: "arXiv",
  };
}
