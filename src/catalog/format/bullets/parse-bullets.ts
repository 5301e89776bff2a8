import { SLOTS, type CatalogDocument, type LinkBadge, type RowTemplate, type Section } from "../../document.ts";
import type { Entry } from "../../entry.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { linkKindFromWord, parseSequence, plainLinks, readTagCell, unparsable } from "../common.ts";
import { MD_TAG } from "../markdown/parse-markdown.ts";
import type { RowResult } from "../sections.ts";

const BULLET = /^(\s*[*-]\s+)([\s\S]*)$/;
const BADGE_RUN = new RegExp(`^(?:\\s*${MD_TAG.source})+\\s*`);
// `Title. Venue Year. [[Paper](url)] [[Code](url)]`: the venue has no full stop, the title may.
const BODY = /^(.+)(\.\s+|(?<=[?!])\s+)([^.\]]+?)(\s+)((?:19|20)\d{2})(\.\s*)((?:\[\[[^\]]*\]\([^)\s]*\)\]\s*)*)$/;
const LINK = /\[\[([^\]]*)\]\(([^)\s]+)\)\]/g;

type Parsed = Pick<CatalogDocument, "sections" | "entries" | "problems">;

/** Whether a line is a catalog bullet: a list item that starts with a shields.io badge. */
export function isCatalogBullet(line: string): boolean {
  return /^\s*[*-]\s+!\[[^\]]*\]\(https?:\/\/img\.shields\.io\/badge\//.test(line);
}

/** Reads a bullet list (`* ![](badge) Title. Venue Year. [[Paper](…)]`): years, not dates, and no sections. */
export function parseBullets(lines: readonly string[], registry: HeadRegistry): Parsed {
  const out: Parsed = { sections: [], entries: [], problems: [] };
  const section: Section = { headStart: 0, bodyStart: 0, bodyEnd: 0, end: 0, entries: [] };
  lines.forEach((line, i) => {
    if (!isCatalogBullet(line)) return;
    if (out.entries.length === 0) section.headStart = section.bodyStart = i;
    section.bodyEnd = section.end = i + 1;
    const parsed = readBullet(line, i, registry);
    if ("problem" in parsed) {
      out.problems.push(parsed.problem);
      return;
    }
    out.problems.push(...parsed.problems);
    section.entries.push(out.entries.length);
    out.entries.push({ ...parsed.parsed, section: 0 });
  });
  if (out.entries.length > 0 || out.problems.length > 0) out.sections.push(section);
  return out;
}

function readBullet(line: string, index: number, registry: HeadRegistry): RowResult {
  const lineNo = index + 1;
  const [, marker, rest] = BULLET.exec(line)!;
  // The badges run up to the first character that is neither a badge nor white space.
  const badgeRun = BADGE_RUN.exec(rest!)?.[0] ?? "";
  const body = BODY.exec(rest!.slice(badgeRun.length));
  if (!body) return unparsable(lineNo, "bullet is not `badges Title. Venue Year. [[Paper](url)]`");
  const [, rawTitle, dot1, venue, space, year, dot2, linkRun] = body;
  const tags = readTagCell(badgeRun, MD_TAG, (m) => [m[2]!, unescapeText(m[1]!, "bullets")], registry, lineNo);
  if ("problem" in tags) return tags;
  const linkSeq = parseSequence(linkRun!, LINK);
  if (!linkSeq) return unparsable(lineNo, "links are not [[Paper](url)] brackets");
  const venueText = cleanText(unescapeText(venue!, "bullets"));
  const links: LinkBadge[] = linkSeq.items.map((m) => {
    const kind = linkKindFromWord(m[1]!);
    return { kind, label: kind === "paper" ? venueText : m[1]!, url: m[2]!, markup: m[0], text: m[1]! };
  });
  const title = cleanText(unescapeText(rawTitle!, "bullets"));
  const parts: RowTemplate["parts"] = [marker!, SLOTS.tags, SLOTS.title, dot1!, SLOTS.venue, space!, SLOTS.date, dot2!, SLOTS.links];
  const entryLinks = plainLinks(links);
  const entry: Entry = { date: year!, title, summary: { kind: "none" }, tags: tags.tags.map((t) => t.name), links: entryLinks, ids: deriveIdentityKeys(title, entryLinks) };
  const template: RowTemplate = { parts, tags: tags.tags, tagSeps: tags.seps, links, linkSeps: linkSeq.seps, rawTitle: rawTitle! };
  return { parsed: { entry, start: index, end: index + 1, template }, problems: tags.problems };
}
