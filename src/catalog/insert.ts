import { HeadscoutError } from "../errors.ts";
import type { CatalogDocument, ParsedEntry, Section } from "./document.ts";
import { IDENTITY_KEY_NAMES, IdentityIndex, identityOfEntry, type IdentityKey } from "../paper/identity.ts";
import { normalizeTitle } from "../paper/title.ts";
import { entrySchema, type Entry } from "./entry.ts";
import { parseCatalog } from "./parse.ts";
import { loadHeadRegistry, type HeadRegistry } from "./registry.ts";
import { renderEntry } from "./render.ts";
import { sanitizeUrl } from "./sanitize.ts";
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

export interface InsertOptions {
  registry?: HeadRegistry;
}

/** What insertEntries did with each of the entries it was given. */
export interface InsertResult {
  document: string;
  /** Indices of the entries now in the document, ascending. */
  inserted: number[];
  /** The entries left out, each with why: a paper the catalog already has, an invalid entry, a date with no place. */
  refused: { index: number; error: HeadscoutError }[];
}

/** Where an entry goes: a section it belongs in, or the title of the year section to create. */
type Place = { section: number } | { create: string };

interface Insertion {
  /** Insert before this (original, 0-based) line. */
  at: number;
  lines: string[];
}

/**
 * Inserts entries into a catalog document (its text, or the document parseCatalog read from it)
 * in one pass. Every existing line is kept as it is: the edit only adds lines (rows, and a year
 * section's heading and table when the first paper of a new year arrives). Each entry goes into
 * its year section in date order, newest first, rendered in the style of the row it lands next
 * to. An entry the catalog already has by any identity key (DuplicateEntryError), an invalid one,
 * or one the document has no place for is refused, and the others still go in.
 */
export function insertEntries(document: string | CatalogDocument, newEntries: readonly unknown[], options: InsertOptions = {}): InsertResult {
  const registry = options.registry ?? loadHeadRegistry();
  const doc = typeof document === "string" ? parseCatalog(document, { registry }) : document;
  const known = new IdentityIndex<{ title: string; line?: number }>();
  for (const e of doc.entries) known.add(identityOfEntry(e.entry), { title: e.entry.title, line: e.start + 1 });

  const accepted: { index: number; entry: Entry; place: Place }[] = [];
  const refused: InsertResult["refused"] = [];
  newEntries.forEach((raw, index) => {
    try {
      const entry = validate(raw, index, doc);
      const identity = identityOfEntry(entry);
      const match = known.find(identity);
      if (match) throw new DuplicateEntryError(entry.title, match.key, match.value, match.item);
      const place = placeEntry(doc, entry);
      known.add(identity, { title: entry.title });
      accepted.push({ index, entry, place });
    } catch (error) {
      if (!(error instanceof HeadscoutError)) throw error;
      refused.push({ index, error });
    }
  });
  const inserted = accepted.map((a) => a.index);
  if (accepted.length === 0) return { document: doc.text, inserted, refused };

  const vocab = buildVocabulary(doc.format, doc.entries, registry);
  const insertions = [...sectionInsertions(doc, accepted, vocab), ...newSectionInsertions(doc, accepted, vocab)];
  return { document: applyInsertions(doc, insertions), inserted, refused };
}

/**
 * insertEntries for a caller that wants all or nothing (`catalog add`): the new text, or the
 * first refusal thrown (DuplicateEntryError for a paper the catalog has, HeadscoutError otherwise).
 */
export function insert(document: string, newEntries: readonly unknown[], options: InsertOptions = {}): string {
  const result = insertEntries(document, newEntries, options);
  if (result.refused.length > 0) throw result.refused[0]!.error;
  return result.document;
}

/** The entry, if it is one this document can take; throws HeadscoutError naming what is wrong. */
function validate(raw: unknown, index: number, doc: CatalogDocument): Entry {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HeadscoutError(`new entry ${index + 1} is invalid: ${issue.path.join(".") || "entry"}: ${issue.message}`);
  }
  const entry = parsed.data;
  for (const link of entry.links) sanitizeUrl(link.url);
  if (doc.format !== "bullets" && !/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) {
    throw new HeadscoutError(`'${entry.title}' has date ${entry.date}, but this catalog's rows need a full YYYY-MM-DD date`);
  }
  return entry;
}

function inRange(section: Section, date: string): boolean {
  return (section.from === undefined || date >= section.from) && (section.to === undefined || date <= section.to);
}

const ranged = (s: Section) => s.from !== undefined || s.to !== undefined;

/** The section an entry belongs in, or the year section to create for it. */
function placeEntry(doc: CatalogDocument, entry: Entry): Place {
  if (doc.entries.length === 0) throw new HeadscoutError("the document has no paper rows to learn the catalog's style from");
  const idx = doc.sections.findIndex((s) => ranged(s) && inRange(s, entry.date));
  if (idx >= 0) return { section: idx };
  if (!doc.sections.some(ranged)) return { section: 0 };
  const yearSection = doc.sections.find((s) => /\b(19|20)\d{2}\b/.test(s.title ?? ""));
  if (!yearSection) throw new HeadscoutError(`no section of the document holds ${entry.date}, and none is a year section to copy`);
  return { create: yearSection.title!.replace(/\b(19|20)\d{2}\b/, entry.date.slice(0, 4)) };
}

/** Whether existing entry `e` sorts after (is older than) a new entry dated `date`. */
function older(doc: CatalogDocument, e: ParsedEntry, date: string): boolean {
  return doc.format === "bullets" ? e.entry.date.slice(0, 4) < date.slice(0, 4) : e.entry.date < date;
}

/** Newest first; entries of one date keep the order they were given in. */
function byDateDesc(a: { entry: Entry }, b: { entry: Entry }): number {
  return a.entry.date < b.entry.date ? 1 : a.entry.date > b.entry.date ? -1 : 0;
}

function renderRows(doc: CatalogDocument, entries: readonly Entry[], neighbour: ParsedEntry, vocab: Vocabulary): string[] {
  return entries.flatMap((e) => renderEntry(e, neighbour.template, doc.format, vocab).split("\n"));
}

/**
 * Lines between two consecutive entries (the blank line of a bullet list; nothing in a table).
 * Only blank lines are style: anything else there (a stray `<tr>`) is not repeated.
 */
function entryGap(doc: CatalogDocument, section: Section): string[] {
  const fallback = doc.format === "bullets" ? [""] : [];
  const [a, b] = section.entries;
  if (a === undefined || b === undefined) return fallback;
  const gap = doc.lines.slice(doc.entries[a]!.end, doc.entries[b]!.start);
  return gap.every((line) => line.trim() === "") ? gap : fallback;
}

/**
 * The rows for entries that go into existing sections: each before the first entry of its
 * section that is older, or after the section's last entry.
 */
function sectionInsertions(doc: CatalogDocument, accepted: readonly { entry: Entry; place: Place }[], vocab: Vocabulary): Insertion[] {
  const groups = new Map<string, { at: number; section: Section; anchor?: ParsedEntry; entries: Entry[] }>();
  // Taking entries newest first, the first older entry of a section only moves down the section:
  // one cursor per section finds every anchor in a single walk.
  const cursors = new Map<number, number>();
  for (const { entry, place } of [...accepted].sort(byDateDesc)) {
    if (!("section" in place)) continue;
    const section = doc.sections[place.section]!;
    let k = cursors.get(place.section) ?? 0;
    while (k < section.entries.length && !older(doc, doc.entries[section.entries[k]!]!, entry.date)) k++;
    cursors.set(place.section, k);
    const anchor = doc.entries[section.entries[k]!];
    const last = doc.entries[section.entries.at(-1)!];
    const at = anchor?.start ?? last?.end ?? section.bodyStart;
    const key = `${place.section}:${at}`;
    const group = groups.get(key) ?? { at, section, ...(anchor && { anchor }), entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ at, section, anchor, entries }) => {
    const last = doc.entries[section.entries.at(-1)!];
    const rows = entries.map((e) => renderRows(doc, [e], anchor ?? last ?? doc.entries[0]!, vocab));
    const gap = entryGap(doc, section);
    if (anchor) return { at, lines: rows.flatMap((r) => [...r, ...gap]) };
    return { at, lines: rows.flatMap((r) => (last ? [...gap, ...r] : r)) };
  });
}

/** The year sections to create, each with its entries, newest first. */
function newSectionInsertions(doc: CatalogDocument, accepted: readonly { entry: Entry; place: Place }[], vocab: Vocabulary): Insertion[] {
  const created = new Map<string, Entry[]>();
  for (const { entry, place } of [...accepted].sort(byDateDesc)) {
    if (!("create" in place)) continue;
    const entries = created.get(place.create);
    if (entries) entries.push(entry);
    else created.set(place.create, [entry]);
  }
  return [...created].map(([title, entries]) => newSection(doc, title, entries, vocab));
}

/**
 * A new year section, copied from the nearest year section's heading, table header and closing
 * markup, placed in year order among the others.
 */
function newSection(doc: CatalogDocument, title: string, entries: readonly Entry[], vocab: Vocabulary): Insertion {
  const { lines } = doc;
  const date = entries[0]!.date;
  const years = doc.sections.map((s, i) => ({ s, i })).filter(({ s }) => ranged(s));
  // The first section holding older papers: the new one goes right before it.
  const next = years.find(({ s }) => s.to !== undefined && s.to < date);
  const template = (next ?? years.at(-1)!).s;
  const head = lines.slice(template.headStart, template.bodyStart).map((l) => l.replace(template.title!, title));
  const close = lines.slice(template.bodyEnd, template.end);
  const rows = renderRows(doc, entries, doc.entries[template.entries[0] ?? 0]!, vocab);
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

function blankRun(lines: readonly string[], from: number): string[] {
  let to = from;
  while (to < lines.length && lines[to]!.trim() === "") to++;
  return lines.slice(from, to);
}

/**
 * The document with the insertions' lines added before their lines. Insertions at the same line
 * go in the reverse of their order (each lands before the previous one).
 */
function applyInsertions({ text, lines }: CatalogDocument, insertions: readonly Insertion[]): string {
  const ordered = insertions.map((ins, i) => ({ ins, i })).sort((a, b) => a.ins.at - b.ins.at || b.i - a.i);
  // Whole lines each: the unchanged stretches are cut from the text as they are.
  const chunks: string[] = [];
  let from = 0;
  let line = 0;
  let offset = 0;
  for (const { ins } of ordered) {
    const start = offset;
    for (; line < ins.at; line++) offset += lines[line]!.length + 1;
    if (ins.at > from) chunks.push(text.slice(start, offset - 1));
    from = Math.max(from, ins.at);
    if (ins.lines.length > 0) chunks.push(ins.lines.join("\n"));
  }
  if (from < lines.length) chunks.push(text.slice(offset));
  // Concatenated, not joined: the result shares the document's text rather than copying megabytes of it.
  return chunks.reduce((out, chunk) => `${out}\n${chunk}`);
}
