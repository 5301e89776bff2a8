import { HeadscoutError } from "../errors.ts";
import type { CatalogDocument, ParsedEntry, Section } from "./document.ts";
import { TextLines, joinLines, splitLines } from "./document.ts";
import { IDENTITY_KEY_NAMES, IdentityIndex, identityOfEntry, type IdentityKey } from "../paper/identity.ts";
import { normalizeTitle } from "../paper/title.ts";
import { entrySchema, type Entry } from "./entry.ts";
import { parseLines } from "./parse.ts";
import { loadHeadRegistry, type HeadRegistry } from "./registry.ts";
import { renderEntry } from "./render.ts";
import { buildVocabulary, type Vocabulary } from "./vocabulary.ts";

/** An entry the catalog already has (or that appears twice among the new ones). */
export class DuplicateEntryError extends HeadscoutError {
  override name = "DuplicateEntryError";
  constructor(
    readonly title: string,
    readonly key: IdentityKey,
    readonly value: string,
    readonly existing: { title: string; line?: number },
  ) {
    const where = existing.line ? `at line ${existing.line}` : "among the new entries";
    // Different titles behind one identifier usually mean a link copied from another row.
    const titles = key !== "title" && normalizeTitle(title) !== normalizeTitle(existing.title) ? "; the titles differ: check the link" : "";
    super(`'${title}' is already in the catalog ${where} as '${existing.title}' (same ${IDENTITY_KEY_NAMES[key]}: ${value}${titles})`);
  }
}

interface Insertion {
  /** Insert before this (original, 0-based) line. */
  at: number;
  lines: string[];
}

/**
 * Throws DuplicateEntryError for a new entry that is the same paper (`samePaper`) as a catalog
 * entry or an earlier new one, naming the first such entry (catalog order, then new entries).
 */
function checkDuplicates(doc: CatalogDocument, entries: readonly Entry[]): void {
  const known = new IdentityIndex<{ title: string; line?: number }>();
  for (const e of doc.entries) known.add(identityOfEntry(e.entry), { title: e.entry.title, line: e.start + 1 });
  for (const entry of entries) {
    const identity = identityOfEntry(entry);
    const match = known.find(identity);
    if (match) throw new DuplicateEntryError(entry.title, match.key, match.value, match.item);
    known.add(identity, { title: entry.title });
  }
}

/** Lines between two consecutive entries (the blank line of a bullet list; nothing in a table). */
function entryGap(doc: CatalogDocument, lines: TextLines, section: Section): string[] {
  const [a, b] = section.entries;
  if (a === undefined || b === undefined) return doc.format === "bullets" ? [""] : [];
  return lines.slice(doc.entries[a]!.end, doc.entries[b]!.start);
}

function validate(entries: readonly unknown[]): Entry[] {
  return entries.map((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HeadscoutError(`new entry ${i + 1} is invalid: ${issue.path.join(".") || "entry"}: ${issue.message}`);
    }
    return parsed.data;
  });
}

function inRange(section: Section, date: string): boolean {
  return (section.from === undefined || date >= section.from) && (section.to === undefined || date <= section.to);
}

const ranged = (s: Section) => s.from !== undefined || s.to !== undefined;

/** Where an entry goes: a section it belongs in, or the title of the year section to create. */
function placeSection(doc: CatalogDocument, date: string): { section: number } | { create: string } {
  const idx = doc.sections.findIndex((s) => ranged(s) && inRange(s, date));
  if (idx >= 0) return { section: idx };
  if (!doc.sections.some(ranged)) {
    if (doc.sections.length === 0) throw new HeadscoutError("the document has no paper list to insert into");
    return { section: 0 };
  }
  const yearTemplate = doc.sections.find((s) => /\b(19|20)\d{2}\b/.test(s.title ?? ""));
  if (!yearTemplate) throw new HeadscoutError(`no section of the document holds ${date}, and none is a year section to copy`);
  return { create: yearTemplate.title!.replace(/\b(19|20)\d{2}\b/, date.slice(0, 4)) };
}

/** Whether existing entry `e` sorts after (is older than) a new entry dated `date`. */
function older(doc: CatalogDocument, e: ParsedEntry, date: string): boolean {
  return doc.format === "bullets" ? e.entry.date.slice(0, 4) < date.slice(0, 4) : e.entry.date < date;
}

function renderRows(doc: CatalogDocument, entries: readonly Entry[], neighbour: ParsedEntry, vocab: Vocabulary): string[][] {
  return entries.map((e) => splitLines(renderEntry(e, neighbour.template, doc.format, vocab)));
}

function byDateDesc(a: Entry, b: Entry): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
}

export interface InsertOptions {
  registry?: HeadRegistry;
}

/**
 * Inserts entries into a catalog document and returns the new text. Every existing line is kept
 * as it is: the edit only adds lines (rows, and a year section's heading and table when the first
 * paper of a new year arrives). Each entry goes into its year section in date order, newest first,
 * rendered in the style of the row it lands next to. Throws DuplicateEntryError for an entry the
 * catalog already has by any identity key, and HeadscoutError for an invalid entry.
 */
export function insert(document: string, newEntries: readonly unknown[], options: InsertOptions = {}): string {
  const registry = options.registry ?? loadHeadRegistry();
  // The few lines an insertion copies are cut from the text: an HTML document's line array is only split on first use.
  const lines = new TextLines(document);
  const doc = parseLines(lines, { registry });
  const entries = validate(newEntries);
  checkDuplicates(doc, entries);
  if (entries.length === 0) return document;
  if (doc.entries.length === 0) throw new HeadscoutError("the document has no paper rows to learn the catalog's style from");
  if (doc.format !== "bullets") {
    const partial = entries.find((e) => !/^\d{4}-\d{2}-\d{2}$/.test(e.date));
    if (partial) throw new HeadscoutError(`'${partial.title}' has date ${partial.date}, but this catalog's rows need a full YYYY-MM-DD date`);
  }
  const vocab = buildVocabulary(doc.format, doc.entries, registry);
  const insertions: Insertion[] = [];

  // Group the new entries by where they land: before an existing row, at a section's end, or in a new section.
  const groups = new Map<string, { at: number; section: number; anchor?: ParsedEntry; entries: Entry[] }>();
  const created = new Map<string, Entry[]>();
  for (const entry of [...entries].sort(byDateDesc)) {
    const place = placeSection(doc, entry.date);
    if ("create" in place) {
      created.set(place.create, [...(created.get(place.create) ?? []), entry]);
      continue;
    }
    const section = doc.sections[place.section]!;
    const anchorIndex = section.entries.find((i) => older(doc, doc.entries[i]!, entry.date));
    const anchor = anchorIndex === undefined ? undefined : doc.entries[anchorIndex];
    const last = section.entries.length > 0 ? doc.entries[section.entries[section.entries.length - 1]!] : undefined;
    const at = anchor ? anchor.start : (last?.end ?? section.bodyStart);
    const key = `${place.section}:${at}`;
    const group = groups.get(key) ?? { at, section: place.section, ...(anchor && { anchor }), entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }

  for (const group of groups.values()) {
    const section = doc.sections[group.section]!;
    const neighbour = group.anchor ?? (section.entries.length > 0 ? doc.entries[section.entries[section.entries.length - 1]!]! : doc.entries[0]!);
    const gap = entryGap(doc, lines, section);
    const rows = renderRows(doc, group.entries, neighbour, vocab);
    const added = group.anchor ? rows.flatMap((r) => [...r, ...gap]) : rows.flatMap((r) => (section.entries.length > 0 ? [...gap, ...r] : r));
    insertions.push({ at: group.at, lines: added });
  }

  for (const [title, sectionEntries] of created) insertions.push(newSection(doc, lines, title, sectionEntries, vocab));

  return applyInsertions(lines, insertions);
}

/**
 * The document with the insertions' lines added before their lines. Unchanged stretches are cut
 * from the document text as they are, rather than copied and joined again from its (many
 * thousand) lines. Insertions at the same line go in the reverse of their order (each lands
 * before the previous one).
 */
function applyInsertions(lines: TextLines, insertions: readonly Insertion[]): string {
  const { text, offsets } = lines;
  const order = insertions.map((ins, i) => ({ ins, i })).sort((a, b) => a.ins.at - b.ins.at || b.i - a.i);
  // Each chunk stands for one or more whole lines, so joining the chunks with newlines joins the lines.
  const chunks: string[] = [];
  let from = 0;
  for (const { ins } of order) {
    if (ins.at > from) {
      chunks.push(text.slice(offsets[from]!, offsets[ins.at]! - 1));
      from = ins.at;
    }
    if (ins.lines.length > 0) chunks.push(joinLines(ins.lines));
  }
  if (from < lines.length) chunks.push(text.slice(offsets[from]!));
  // Concatenated rather than joined: the large unchanged stretches are not copied once more here
  // (the engine keeps the result as a rope of slices until something reads it).
  let out = chunks[0] ?? "";
  for (let k = 1; k < chunks.length; k++) out += `\n${chunks[k]}`;
  return out;
}

/**
 * A new year section, copied from the nearest year section's heading, table header and closing
 * markup, placed in year order among the others.
 */
function newSection(doc: CatalogDocument, lines: TextLines, title: string, entries: readonly Entry[], vocab: Vocabulary): Insertion {
  const date = entries[0]!.date;
  const years = doc.sections.map((s, i) => ({ s, i })).filter(({ s }) => ranged(s));
  // The first section holding older papers: the new one goes right before it.
  const next = years.find(({ s }) => s.to !== undefined && s.to < date);
  const templateAt = next ?? years[years.length - 1]!;
  const template = templateAt.s;
  const oldTitle = template.title!;
  const head = lines.slice(template.headStart, template.bodyStart).map((l) => l.replace(oldTitle, title));
  const close = lines.slice(template.bodyEnd, template.end);
  const neighbour = doc.entries[template.entries[0]!]!;
  const rows = renderRows(doc, entries, neighbour, vocab).flat();
  const section = [...head, ...rows, ...close];
  if (next) {
    // Keep the blank lines that separate sections: copy those in front of the section we precede.
    const prevEnd = doc.sections[next.i - 1]?.end;
    const gapBefore = prevEnd !== undefined ? lines.slice(prevEnd, next.s.headStart) : [];
    const gap = gapBefore.length > 0 ? gapBefore : blankRun(lines, next.s.end);
    return { at: next.s.headStart, lines: [...section, ...gap] };
  }
  const gap = blankRun(lines, template.end);
  return { at: template.end, lines: [...(gap.length > 0 ? gap : [""]), ...section] };
}

function blankRun(lines: TextLines, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length && lines.at(i)!.trim() === ""; i++) out.push(lines.at(i)!);
  return out;
}
