import type { Link } from "./entry.ts";
import type { CatalogFormat, LinkBadge, ParsedEntry, RowTemplate, SummaryLayout, TagBadge } from "./document.ts";
import { foldHeadName, type HeadRegistry } from "./registry.ts";
import { cleanText } from "./sanitize.ts";
import { detectBadgeSpace, encodeShieldsText } from "./shields.ts";
import { wordForKind } from "./format/common.ts";

/** How a document spells the things a new entry needs: tag badges, link badges, summaries, separators. */
export interface Vocabulary {
  tagBadge(name: string): TagBadge;
  linkBadge(link: Link): LinkBadge;
  summaryLayout(kind: "bullets" | "prose"): SummaryLayout;
  tagSep: string;
  linkSep: string;
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

/** How often each distinct value occurs, in order of first occurrence. */
function occurrences<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function logoOf(query: string | undefined): string | undefined {
  return /(?:^|&)logo=([^&]+)/.exec(query ?? "")?.[1];
}

function lazy<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/**
 * What the document's rows say about its spelling. Each part is worked out on first use: inserting
 * into a 10,000-row catalog only needs the few a new entry asks for.
 */
export function buildVocabulary(format: CatalogFormat, entries: readonly ParsedEntry[], registry: HeadRegistry): Vocabulary {
  const tags = lazy(() => entries.flatMap((e) => e.template.tags));
  const links = lazy(() => entries.flatMap((e) => e.template.links));
  // Rows share their badge objects (a catalog repeats a few dozen badges thousands of times):
  // each distinct badge's URL is built and judged once, weighted by how often it occurs.
  const space = lazy(() => {
    const times = new Map<string, number>();
    for (const [t, n] of occurrences(tags())) {
      const url = `https://img.shields.io/badge/${t.slug}-${t.color}`;
      times.set(url, (times.get(url) ?? 0) + n);
    }
    return detectBadgeSpace(times.keys(), (url) => times.get(url)!);
  });
  const spelled = lazy(() => {
    const map = new Map<string, TagBadge>();
    const names = new Set<string>();
    for (const t of tags()) {
      // The first badge of each name wins; a name seen before cannot change the map.
      if (names.has(t.name)) continue;
      names.add(t.name);
      if (!map.has(foldHeadName(t.name))) map.set(foldHeadName(t.name), t);
    }
    return map;
  });
  const tagColor = lazy(() => mostCommon(tags(), (t) => t.color)?.color ?? "blue");
  const altKind = lazy(() => {
    const style = mostCommon(tags(), (t) => (t.alt === "" ? "empty" : / Badge$/.test(t.alt) ? "badge" : "name"));
    return !style ? (format === "html" ? "badge" : "empty") : style.alt === "" ? "empty" : / Badge$/.test(style.alt) ? "badge" : "name";
  });
  const linkAltBadge = lazy(() => (links().length > 0 ? links().filter((l) => / Badge$/.test(l.alt ?? "")).length * 2 > links().length : format === "html"));
  const layouts = lazy(() => entries.map((e) => ({ layout: e.template.summary, kind: e.entry.summary.kind })).filter((l) => l.layout && l.layout.pre.length > 0));
  const layoutKey = (l: { layout?: SummaryLayout }) => JSON.stringify([l.layout!.open, l.layout!.close, l.layout!.pre[0], l.layout!.seps[0]]);
  const seps = (all: string[][]) => mostCommon(all.flatMap((s) => s.slice(1, -1)), (s) => s);
  const tagSep = lazy(() => seps(entries.map((e) => e.template.tagSeps)) ?? (format === "html" ? "" : " "));
  const linkSep = lazy(() => seps(entries.map((e) => e.template.linkSeps)) ?? " ");

  return {
    tagBadge(name) {
      const head = registry.find(name);
      const canonical = head?.name ?? cleanText(name);
      const known = spelled().get(foldHeadName(canonical));
      if (known) return { ...known, name: canonical };
      const slug = head ? (space() === "_" ? head.slug : head.slug.replace(/(?<!_)_(?!_)/g, "%20")) : encodeShieldsText(canonical, space());
      const kind = altKind();
      const alt = kind === "empty" ? "" : kind === "badge" ? `${canonical} Badge` : canonical;
      return { name: canonical, slug, color: tagColor(), alt };
    },
    linkBadge(link) {
      if (format === "bullets") {
        const text = links().find((l) => l.kind === link.kind)?.text ?? wordForKind(link.kind);
        return { ...link, markup: "", text };
      }
      const exact = links().find((l) => l.kind === link.kind && l.label === link.label);
      // Only without an exact match is the most common badge of the kind needed (it scans every link).
      const base = exact ?? mostCommon(links().filter((l) => l.kind === link.kind), (l) => `${l.message}|${l.color}|${l.alt}`);
      const word = wordForKind(link.kind);
      const logo = logoOf(base?.query);
      const query = exact ? exact.query : logo && foldHeadName(logo) === foldHeadName(link.label) ? base?.query : "";
      return {
        ...link,
        markup: "",
        rawLabel: encodeShieldsText(link.label, space()),
        message: base?.message ?? DEFAULT_LINK[link.kind].message,
        color: base?.color ?? DEFAULT_LINK[link.kind].color,
        query: query ?? "",
        alt: base?.alt ?? (linkAltBadge() ? `${word} Badge` : word),
      };
    },
    summaryLayout(kind) {
      const same = layouts().filter((l) => l.kind === kind);
      const pick = mostCommon(same.length > 0 ? same : layouts().filter((l) => l.kind === "bullets"), layoutKey);
      if (!pick) return DEFAULT_SUMMARY[format][kind];
      const l = pick.layout!;
      return { ...l, pre: [l.pre[0]!], post: [l.post[0]!], seps: l.seps.slice(0, 1), raw: [] };
    },
    between(kind, near) {
      const key = kind === "tags" ? "tagSeps" : "linkSeps";
      const at = Math.max(0, entries.findIndex((e) => e.template === near));
      for (let d = 0; d < entries.length; d++) {
        for (const i of [at - d, at + d]) {
          const seps = entries[i]?.template[key];
          if (seps && seps.length > 2) return seps[1]!;
        }
      }
      return kind === "tags" ? tagSep() : linkSep();
    },
    get tagSep() {
      return tagSep();
    },
    get linkSep() {
      return linkSep();
    },
    summarySep: format === "html" ? "<br>\n      " : "<br>",
    defaultVenue: "arXiv",
  };
}
