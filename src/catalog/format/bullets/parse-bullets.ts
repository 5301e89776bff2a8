import { SLOTS, type CatalogDocument, type LinkBadge, type ParsedEntry, type Problem, type RowTemplate, type Section, type TagBadge } from "../../document.ts";
import type { Entry } from "../../entry.ts";
import { deriveIdentityKeys } from "../../../paper/identity.ts";
import type { HeadRegistry } from "../../registry.ts";
import { cleanText, unescapeText } from "../../sanitize.ts";
import { linkKindFromWord, parseSequence, readTagBadge } from "../common.ts";
import { MD_TAG } from "../markdown/parse-markdown.ts";

const BULLET = /^(\s*[*-]\s+)([\s\S]*)$/;
// `Title. Venue Year. [[Paper](url)] [[Code](url)]`: the venue has no full stop, the title may.
const BODY = /^(.+)(\.\s+|(?<=[?!])\s+)([^.\]]+?)(\s+)((?:19|20)\d{2})(\.\s*)((?:\[\[[^\]]*\]\([^)\s]*\)\]\s*)*)$/;
const LINK = /\[\[([^\]]*)\]\(([^)\s]+)\)\]/;

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

function readBullet(line: string, index: number, registry: HeadRegistry): { parsed: Omit<ParsedEntry, "section">; problems: Problem[] } | { problem: Problem } {
  const lineNo = index + 1;
  const fail = (message: string) => ({ problem: { line: lineNo, kind: "unparsable-row" as const, message } });
  const [, marker, rest] = BULLET.exec(line)!;
  // The badges run up to the first character that is neither a badge nor white space.
  const badgeRun = new RegExp(`^(?:\\s*${MD_TAG.source})+\\s*`).exec(rest!)?.[0] ?? "";
  const seq = parseSequence(badgeRun, MD_TAG)!;
  const body = BODY.exec(rest!.slice(badgeRun.length));
  if (!body) return fail("bullet is not `badges Title. Venue Year. [[Paper](url)]`");
  const [, rawTitle, dot1, venue, space, year, dot2, linkRun] = body;
  const problems: Problem[] = [];
  const tags: TagBadge[] = [];
  for (const m of seq.items) {
    const r = readTagBadge(m[2]!, unescapeText(m[1]!, "bullets"), registry, lineNo);
    if ("problem" in r) return { problem: r.problem };
    tags.push(r.badge);
    problems.push(...r.problems);
  }
  const linkSeq = parseSequence(linkRun!, LINK);
  if (!linkSeq) return fail("links are not [[Paper](url)] brackets");
  const venueText = cleanText(unescapeText(venue!, "bullets"));
  const links: LinkBadge[] = linkSeq.items.map((m) => {
    const kind = linkKindFromWord(m[1]!);
    return { kind, label: kind === "paper" ? venueText : m[1]!, url: m[2]!, markup: m[0], text: m[1]! };
  });
  const title = cleanText(unescapeText(rawTitle!, "bullets"));
  const parts: RowTemplate["parts"] = [marker!, SLOTS.tags, SLOTS.title, dot1!, SLOTS.venue, space!, SLOTS.date, dot2!, SLOTS.links];
  const entryLinks = links.map(({ kind, label, url }) => ({ kind, label, url }));
  const entry: Entry = { date: year!, title, summary: { kind: "none" }, tags: tags.map((t) => t.name), links: entryLinks, ids: deriveIdentityKeys(title, entryLinks) };
  return { parsed: { entry, start: index, end: index + 1, template: { parts, tags, tagSeps: seq.seps, links, linkSeps: linkSeq.seps, rawTitle: rawTitle! } }, problems };
}
