import type { CatalogDocument, CatalogFormat, ParsedEntry } from "./document.ts";
import type { Entry } from "./entry.ts";
import { identityOfEntry, samePaper } from "../paper/identity.ts";
import { DuplicateEntryError, insert } from "./insert.ts";
import { parseCatalog } from "./parse.ts";
import { loadHeadRegistry, type HeadRegistry } from "./registry.ts";

/** One version of a catalog: a file of a folder, or the README at one commit. */
export interface CatalogVersion {
  name: string;
  text: string;
}

/** Why the engine's insertion differs from what the maintainers wrote. */
export type DifferenceKind =
  | "same-date-order"
  | "row-whitespace"
  | "row-markup"
  | "section-layout"
  | "final-newline"
  | "byte-order-mark";

export interface AdditionResult {
  added: number;
  /** Same entries, same order (same-date ties either way), and every previous line kept. */
  reproduced: boolean;
  byteIdentical: boolean;
  previousLinesKept: boolean;
  sameEntries: boolean;
  differences: { kind: DifferenceKind; detail: string }[];
  /** The engine refused the addition because a new row is a paper the catalog already had by an identity key. */
  refused?: string;
  /** The engine failed on the addition for another reason. */
  error?: string;
}

export interface VersionResult {
  name: string;
  format: CatalogFormat;
  entries: number;
  parses: boolean;
  problems: string[];
  addition?: AdditionResult;
}

export interface ReplayReport {
  versions: VersionResult[];
  summary: { versions: number; parsed: number; additions: number; reproduced: number; byteIdentical: number; refused: number };
}

const stripBom = (line: string) => line.replace(/^\uFEFF/, "");

function sameId(a: ParsedEntry, b: ParsedEntry): boolean {
  return samePaper(identityOfEntry(a.entry), identityOfEntry(b.entry)) !== undefined;
}

/** Whether `small` occurs in `big` in order (greedy match is exact for subsequences). */
function isSubsequence(small: readonly string[], big: readonly string[]): boolean {
  let j = 0;
  for (const line of big) if (j < small.length && line === small[j]) j++;
  return j === small.length;
}

/**
 * The entries a commit added, when all it did was add paper rows (and the heading and table of a
 * new year section): every previous line is still there, and every new line belongs to a new row
 * or section. Toggling a byte-order mark is not counted as a change.
 */
export function pureAddition(prev: CatalogDocument, next: CatalogDocument): ParsedEntry[] | undefined {
  if (prev.format !== next.format || prev.entries.length === 0) return undefined;
  // An entry is new when its rows are not, verbatim, rows of the previous version (identity keys
  // would hide a new paper the maintainers gave another paper's link).
  const rows = (doc: CatalogDocument, e: ParsedEntry) => doc.lines.slice(e.start, e.end).map(stripBom).join("\n");
  const before = new Map<string, number>();
  for (const e of prev.entries) before.set(rows(prev, e), (before.get(rows(prev, e)) ?? 0) + 1);
  const added = next.entries.filter((e) => {
    const n = before.get(rows(next, e)) ?? 0;
    if (n > 0) before.set(rows(next, e), n - 1);
    return n === 0;
  });
  if (added.length === 0 || next.entries.length - added.length !== prev.entries.length) return undefined;
  const covered = new Set<number>();
  for (const e of added) for (let i = e.start; i < e.end; i++) covered.add(i);
  for (const s of next.sections) {
    if (s.title === undefined || prev.sections.some((p) => p.title === s.title)) continue;
    for (let i = s.headStart; i < s.bodyStart; i++) covered.add(i);
    for (let i = s.bodyEnd; i < s.end; i++) covered.add(i);
  }
  const prevLines = prev.lines.map(stripBom);
  const nextLines = next.lines.map(stripBom);
  const rest = nextLines.filter((l, i) => !covered.has(i));
  const nonBlank = (ls: string[]) => ls.filter((l) => l.trim() !== "");
  if (!isSubsequence(prevLines, nextLines)) return undefined;
  if (nonBlank(rest).join("\n") !== nonBlank(prevLines).join("\n")) return undefined;
  return added;
}

function orderMatches(actual: CatalogDocument, expected: CatalogDocument): { same: boolean; tiesOnly: boolean } {
  const key = (e: ParsedEntry) => e.entry.ids!.title;
  const a = actual.entries.map(key);
  const b = expected.entries.map(key);
  if (a.join("\n") === b.join("\n")) return { same: true, tiesOnly: true };
  if (a.length !== b.length) return { same: false, tiesOnly: false };
  // Same entries per (section, date) group, groups in the same order: only same-date ties differ.
  const group = (doc: CatalogDocument) =>
    doc.entries.map((e) => `${e.section}|${e.entry.date}|`).join("\n");
  const sorted = (doc: CatalogDocument) =>
    doc.entries.map((e) => `${e.section}|${e.entry.date}|${key(e)}`).sort().join("\n");
  const tiesOnly = group(actual) === group(expected) && sorted(actual) === sorted(expected);
  return { same: false, tiesOnly };
}

function classify(prev: CatalogDocument, actual: CatalogDocument, expected: CatalogDocument, added: ParsedEntry[]): AdditionResult["differences"] {
  const out: AdditionResult["differences"] = [];
  if (stripBom(prev.lines[0] ?? "") !== (expected.lines[0] ?? "") && stripBom(expected.lines[0] ?? "") === stripBom(prev.lines[0] ?? "")) {
    out.push({ kind: "byte-order-mark", detail: "the commit added or removed a byte-order mark" });
  }
  const order = orderMatches(actual, expected);
  if (!order.same) out.push({ kind: "same-date-order", detail: "papers sharing a date are in a different order" });
  for (const e of added) {
    const mine = actual.entries.find((a) => sameId(a, e));
    if (!mine) continue;
    const want = expected.lines.slice(e.start, e.end).join("\n");
    const got = actual.lines.slice(mine.start, mine.end).join("\n");
    if (want === got) continue;
    const squash = (s: string) => s.replace(/(\s|&nbsp;)+/g, "");
    const kind: DifferenceKind = squash(want) === squash(got) ? "row-whitespace" : "row-markup";
    out.push({ kind, detail: `${e.entry.title.slice(0, 60)}: ${firstDifference(got, want)}` });
  }
  const skeleton = (doc: CatalogDocument) => {
    const rows = new Set<number>();
    for (const e of doc.entries) for (let i = e.start; i < e.end; i++) rows.add(i);
    return doc.lines.map(stripBom).filter((_, i) => !rows.has(i)).join("\n");
  };
  const [mine, theirs] = [skeleton(actual), skeleton(expected)];
  if (mine !== theirs) {
    if (mine.replace(/\n*$/, "") === theirs.replace(/\n*$/, "")) out.push({ kind: "final-newline", detail: "the commit also added or removed the newline at the end of the file" });
    else out.push({ kind: "section-layout", detail: "lines outside the rows (a new section's heading, table or blank lines) differ" });
  }
  return out;
}

function firstDifference(got: string, want: string): string {
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 20), i + 30));
  return `engine ${show(got)} vs maintainers ${show(want)}`;
}

function toInput(e: ParsedEntry): Entry {
  const { section: _section, ids: _ids, ...rest } = e.entry;
  return rest;
}

/** Replays consecutive versions: does each parse, and does the engine reproduce each pure addition? */
export function replayVersions(versions: readonly CatalogVersion[], registry: HeadRegistry = loadHeadRegistry()): ReplayReport {
  const results: VersionResult[] = [];
  let prev: CatalogDocument | undefined;
  for (const version of versions) {
    const doc = parseCatalog(version.text, { registry });
    const errors = doc.problems.filter((p) => p.kind === "unparsable-row" || p.kind === "undecodable-badge");
    const result: VersionResult = {
      name: version.name,
      format: doc.format,
      entries: doc.entries.length,
      parses: errors.length === 0,
      problems: errors.map((p) => `line ${p.line}: ${p.message}`),
    };
    const added = prev && pureAddition(prev, doc);
    if (prev && added) result.addition = replayAddition(prev, doc, added, registry);
    results.push(result);
    prev = doc;
  }
  const additions = results.filter((r) => r.addition);
  return {
    versions: results,
    summary: {
      versions: results.length,
      parsed: results.filter((r) => r.parses).length,
      additions: additions.length,
      reproduced: additions.filter((r) => r.addition!.reproduced).length,
      byteIdentical: additions.filter((r) => r.addition!.byteIdentical).length,
      refused: additions.filter((r) => r.addition!.refused).length,
    },
  };
}

function replayAddition(prev: CatalogDocument, next: CatalogDocument, added: ParsedEntry[], registry: HeadRegistry): AdditionResult {
  const base = { added: added.length, byteIdentical: false, previousLinesKept: false, sameEntries: false };
  let text: string;
  try {
    text = insert(prev.text, added.map(toInput), { registry });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, reproduced: false, differences: [], ...(error instanceof DuplicateEntryError ? { refused: message } : { error: message }) };
  }
  const actual = parseCatalog(text, { registry });
  const previousLinesKept = isSubsequence(prev.lines, actual.lines) && actual.lines.length > prev.lines.length;
  const order = orderMatches(actual, next);
  const sameEntries = order.same || order.tiesOnly;
  const byteIdentical = actual.lines.map(stripBom).join("\n") === next.lines.map(stripBom).join("\n");
  const differences = byteIdentical ? [] : classify(prev, actual, next, added);
  return { added: added.length, reproduced: previousLinesKept && sameEntries, byteIdentical, previousLinesKept, sameEntries, differences };
}
