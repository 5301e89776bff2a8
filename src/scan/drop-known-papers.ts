import type { ParsedEntry } from "../catalog/document.ts";
import { IdentityIndex, identityOfEntry, identityOfPaper, type IdentityKey } from "../paper/identity.ts";
import type { Paper } from "../sources/paper.ts";

/** A paper the catalog already lists, and the row that lists it. */
export interface KnownPaper {
  paper: Paper;
  key: IdentityKey;
  /** The catalog's title for it and its 1-based line. */
  entryTitle: string;
  line: number;
}

/**
 * Splits what the sources found into new candidates and papers the catalog already has (the one
 * identity rule, `samePaper`), so none is triaged or paid for again.
 */
export function dropKnownPapers(papers: readonly Paper[], entries: readonly ParsedEntry[]): { candidates: Paper[]; known: KnownPaper[] } {
  const catalog = new IdentityIndex<ParsedEntry>();
  for (const parsed of entries) catalog.add(identityOfEntry(parsed.entry), parsed);
  const candidates: Paper[] = [];
  const known: KnownPaper[] = [];
  for (const paper of papers) {
    const match = catalog.find(identityOfPaper(paper));
    if (match) known.push({ paper, key: match.key, entryTitle: match.item.entry.title, line: match.item.start + 1 });
    else candidates.push(paper);
  }
  return { candidates, known };
}
