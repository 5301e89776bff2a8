import type { Entry, Link } from "./entry.ts";
import type { CatalogFormat, LinkBadge, RowTemplate, SummaryLayout, TagBadge } from "./document.ts";
import { foldHeadName } from "./registry.ts";
import { sameText, wordForKind } from "./format/common.ts";
import { escapeText, sanitizeUrl, type TextContext } from "./sanitize.ts";
import type { Vocabulary } from "./vocabulary.ts";

const CONTEXT: Record<CatalogFormat, TextContext> = { bullets: "bullets", markdown: "markdown", html: "html" };

function attr(value: string): string {
  return value.replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function mdAlt(value: string): string {
  return value.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

export function tagMarkup(format: CatalogFormat, badge: TagBadge): string {
  const src = `https://img.shields.io/badge/${badge.slug}-${badge.color}`;
  return format === "html" ? `<img src="${attr(src)}" alt="${attr(badge.alt)}">` : `![${mdAlt(badge.alt)}](${src})`;
}

function linkMarkup(format: CatalogFormat, badge: LinkBadge): string {
  const url = sanitizeUrl(badge.url);
  if (format === "bullets") return `[[${badge.text ?? wordForKind(badge.kind)}](${url})]`;
  const src = `https://img.shields.io/badge/${[badge.rawLabel ?? badge.label, badge.message].filter(Boolean).join("-")}-${badge.color}${badge.query ? `?${badge.query}` : ""}`;
  return format === "html"
    ? `<a href="${attr(url)}"><img src="${attr(src)}" alt="${attr(badge.alt ?? "")}"></a>`
    : `[![${mdAlt(badge.alt ?? "")}](${src})](${url})`;
}

function sameLink(a: Link, b: LinkBadge): boolean {
  return a.kind === b.kind && a.label === b.label && a.url === b.url;
}

/** Separators for `count` items, keeping the template's where it has as many, and its lead and trail otherwise. */
function separators(seps: readonly string[], count: number, fallbackBetween: () => string): string[] {
  if (seps.length === count + 1) return [...seps];
  const lead = seps[0] ?? "";
  const trail = seps.length > 1 ? seps[seps.length - 1]! : "";
  const between = seps.length > 2 ? seps[1]! : /\n/.test(lead) ? lead : fallbackBetween();
  if (count === 0) return [lead + (/\n/.test(lead) ? "" : trail)];
  return [lead, ...Array<string>(count - 1).fill(between), trail];
}

function interleave(seps: readonly string[], items: readonly string[]): string {
  let out = seps[0] ?? "";
  items.forEach((item, i) => {
    out += item + (seps[i + 1] ?? "");
  });
  return out;
}

function renderSummary(entry: Entry, layout: SummaryLayout | undefined, format: CatalogFormat, vocab: Vocabulary): string {
  const ctx = CONTEXT[format];
  const summary = entry.summary;
  if (summary.kind === "none") {
    // A row written with an empty summary (`<br><sub></sub>`) keeps its empty wrapper.
    if (layout && layout.pre.length === 0) return layout.open + layout.close;
    return format === "html" ? (layout?.close ?? "") : "";
  }
  const items = summary.kind === "bullets" ? summary.bullets : [summary.text];
  let use = layout && layout.pre.length > 0 ? layout : vocab.summaryLayout(summary.kind);
  if (summary.kind === "bullets" && !use.pre.some((p) => /•|&bull;|<li>|[-*]\s*$/.test(p))) use = vocab.summaryLayout("bullets");
  const body = items.map((text, i) => {
    let pre = use.pre[i] ?? use.pre[use.pre.length - 1] ?? "";
    if (summary.kind === "prose") pre = pre.replace(/(•|&bull;|&#8226;)\s?/, "");
    const post = use.post[i] ?? use.post[use.post.length - 1] ?? "";
    const raw = use === layout ? layout.raw[i] : undefined;
    const body = raw !== undefined && sameText(raw, text, ctx) ? raw : escapeText(text, ctx);
    return pre + body + post;
  });
  const seps = body.slice(1).map((_, i) => use.seps[i] ?? use.seps[use.seps.length - 1] ?? vocab.summarySep);
  let out = use.open;
  body.forEach((b, i) => {
    out += (i > 0 ? seps[i - 1] : "") + b;
  });
  return out + use.close;
}

/**
 * An entry in a document's markup, in the style of `template` (its own row when re-rendering,
 * a neighbouring row when inserting). Parts of the entry equal to the template's keep their
 * spelling; new ones are escaped and spelled the way the document spells them elsewhere.
 */
export function renderEntry(entry: Entry, template: RowTemplate, format: CatalogFormat, vocab: Vocabulary): string {
  const ctx = CONTEXT[format];
  const tagBadges = entry.tags.map((tag, i) => {
    const own = template.tags[i];
    return own && foldHeadName(own.name) === foldHeadName(tag) ? own : vocab.tagBadge(tag);
  });
  const linkBadges = entry.links.map((link, i) => {
    const own = template.links[i];
    return own && sameLink(link, own) ? own.markup : linkMarkup(format, vocab.linkBadge(link));
  });
  let out = "";
  let afterTitle = false;
  for (const part of template.parts) {
    if (typeof part === "string") {
      // A bullet reads `Title. Venue Year.`: no full stop after a title that ends in `?`, `!` or `.`.
      if (afterTitle && format === "bullets") {
        const ends = /[.?!]$/.test(entry.title);
        out += ends ? part.replace(/^\./, "") : /^\./.test(part) ? part : `.${part}`;
      } else out += part;
      afterTitle = false;
      continue;
    }
    afterTitle = part.slot === "title";
    switch (part.slot) {
      case "date":
        out += format === "bullets" ? entry.date.slice(0, 4) : entry.date;
        break;
      case "title":
        out += sameText(template.rawTitle, entry.title, ctx) ? template.rawTitle : escapeText(entry.title, ctx);
        break;
      case "venue": {
        const venue = entry.links.find((l) => l.kind === "paper")?.label ?? vocab.defaultVenue;
        out += escapeText(venue, ctx);
        break;
      }
      case "tags":
        out += interleave(separators(template.tagSeps, tagBadges.length, () => vocab.between("tags", template)), tagBadges.map((b) => tagMarkup(format, b)));
        break;
      case "links":
        out += interleave(separators(template.linkSeps, linkBadges.length, () => vocab.between("links", template)), linkBadges);
        break;
      case "summary":
        out += renderSummary(entry, template.summary, format, vocab);
        break;
    }
  }
  return out;
}
