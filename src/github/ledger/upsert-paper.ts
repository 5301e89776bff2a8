import { IDENTIFIER_KEYS, identityKey, identityOfPaper, type IdentityIndex } from "../../paper/identity.ts";
import type { Paper } from "../../sources/paper.ts";
import type { Ledger, PaperRecord, PaperState } from "./schema.ts";

/**
 * The record of a paper seen at `at`, created (in `state`) or refreshed: the latest title, any
 * identifier it lacked, `lastSeen`. `index` is kept in step so one scan's papers find each other.
 */
export function upsertPaper(ledger: Ledger, index: IdentityIndex<string>, paper: Paper, at: string, state: PaperState): [string, PaperRecord] {
  const identity = identityOfPaper(paper);
  const found = index.find(identity)?.item ?? (ledger.papers[identityKey(identity)] ? identityKey(identity) : undefined);
  if (found) {
    const record = ledger.papers[found]!;
    record.title = paper.title;
    for (const key of IDENTIFIER_KEYS) record.identity[key] ??= identity[key];
    record.identity.year ??= identity.year;
    record.identity.firstAuthor ??= identity.firstAuthor;
    dropUndefined(record.identity);
    if (Date.parse(at) > Date.parse(record.lastSeen)) record.lastSeen = at;
    index.add(record.identity, found);
    return [found, record];
  }
  const key = identityKey(identity);
  const record: PaperRecord = { title: paper.title, identity, firstSeen: at, lastSeen: at, state };
  ledger.papers[key] = record;
  index.add(identity, key);
  return [key, record];
}

/**
 * Whether a record keeps its whole `Paper`: while it may still be triaged or proposed again
 * (pending, relevant, proposed, rejected — a lifted rejection is triaged again), not once it is
 * settled (irrelevant, listed, merged), which keeps the document small.
 */
export function keepsPaper(record: PaperRecord): boolean {
  switch (record.state) {
    case "pending":
    case "proposed":
    case "rejected":
      return true;
    case "judged":
      return record.verdict?.decision === "relevant";
    default:
      return false;
  }
}

/** Stores or drops the record's `Paper` as its state calls for (`keepsPaper`). */
export function settlePaper(record: PaperRecord, paper: Paper | undefined): void {
  if (keepsPaper(record) && (paper ?? record.paper)) record.paper = paper ?? record.paper;
  else delete record.paper;
}

function dropUndefined(object: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(object)) if (value === undefined) delete object[key];
}
