import type { ParsedEntry } from "../catalog/document.ts";
import type { IdentityKeys } from "../catalog/entry.ts";
import { deriveIdentityKeys, normalizeTitle } from "../catalog/identity.ts";
import type { Paper } from "../sources/paper.ts";

/** A paper the catalog already lists, and the row that lists it. */
export interface KnownPaper {
  paper: Paper;
  key: keyof IdentityKeys;
  /** The catalog's title for it and its 1-based line. */
  entryTitle: string;
  line: number;
}

type KeyIndex = Map<string, ParsedEntry>;

function paperKeys(paper: Paper): Partial<IdentityKeys> {
  return {
    arxiv: paper.ids.arxiv,
    openreview: paper.ids.openreview,
    doi: paper.ids.doi?.toLowerCase(),
    title: normalizeTitle(paper.title),
  };
}

const KEYS = ["arxiv", "openreview", "doi", "title"] as const;

/**
 * Splits what the sources found into new candidates and papers the catalog already has (by arXiv
 * id, OpenReview id, DOI or normalised title), so none is triaged or paid for again.
 */
export function dropKnownPapers(papers: readonly Paper[], entries: readonly ParsedEntry[]): { candidates: Paper[]; known: KnownPaper[] } {
  const index = new Map<(typeof KEYS)[number], KeyIndex>(KEYS.map((k) => [k, new Map()]));
  for (const parsed of entries) {
    const keys = parsed.entry.ids ?? deriveIdentityKeys(parsed.entry.title, parsed.entry.links);
    for (const k of KEYS) {
      const value = keys[k];
      if (value && !index.get(k)!.has(value)) index.get(k)!.set(value, parsed);
    }
  }
  const candidates: Paper[] = [];
  const known: KnownPaper[] = [];
  for (const paper of papers) {
    const keys = paperKeys(paper);
    const match = KEYS.map((k) => ({ k, hit: keys[k] ? index.get(k)!.get(keys[k]!) : undefined })).find((m) => m.hit);
    if (match?.hit) known.push({ paper, key: match.k, entryTitle: match.hit.entry.title, line: match.hit.start + 1 });
    else candidates.push(paper);
  }
  return { candidates, known };
}
