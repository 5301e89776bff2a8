import { HeadscoutError } from "../../errors.ts";
import { IDENTIFIER_KEYS, IdentityIndex } from "../../paper/identity.ts";
import type { Ledger, PaperRecord } from "./schema.ts";

/** The ledger's papers by identity (`samePaper`), each with its key. */
export function indexPaperRecords(ledger: Ledger, include: (record: PaperRecord) => boolean = () => true): IdentityIndex<string> {
  const index = new IdentityIndex<string>();
  for (const [key, record] of Object.entries(ledger.papers)) if (include(record)) index.add(record.identity, key);
  return index;
}

/**
 * The record a key names. A record keeps the key it was first seen under, so a paper found first
 * on OpenReview and later on arXiv is still `openreview:…` in the ledger while a verdict calls it
 * `arxiv:…`: such a key is matched against every record's identifiers.
 */
export function findPaperKey(ledger: Ledger, key: string): string | undefined {
  if (ledger.papers[key]) return key;
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon) as (typeof IDENTIFIER_KEYS)[number] | "title";
  const value = key.slice(colon + 1);
  if (colon < 0 || (kind !== "title" && !IDENTIFIER_KEYS.includes(kind))) return undefined;
  return Object.entries(ledger.papers).find(([, record]) => record.identity[kind] === value)?.[0];
}

/** Like findPaperKey, for an operation that cannot go on without the paper (`what` says which). */
export function requirePaperKey(ledger: Ledger, key: string, what: string): string {
  const found = findPaperKey(ledger, key);
  if (!found) throw new HeadscoutError(`${what}: paper ${key} is not in the ledger (record the scan that found it first)`);
  return found;
}
