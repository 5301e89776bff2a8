import type { CatalogDocument } from "../catalog/document.ts";
import { insertEntries } from "../catalog/insert.ts";
import type { HeadRegistry } from "../catalog/registry.ts";
import { describeError } from "../errors.ts";
import type { EntryDraft } from "../triage/verdict.ts";

export interface RefusedDraft {
  draft: EntryDraft;
  reason: string;
}

export interface CatalogEdit {
  document: string;
  inserted: EntryDraft[];
  refused: RefusedDraft[];
}

/**
 * Inserts every draft into the catalog in one pass (its text, or the document already parsed from
 * it): one the engine refuses (a duplicate, an invalid date) is reported and the others still land.
 */
export function insertDrafts(catalog: string | CatalogDocument, drafts: readonly EntryDraft[], registry?: HeadRegistry): CatalogEdit {
  const result = insertEntries(
    catalog,
    drafts.map((d) => d.entry),
    registry ? { registry } : {},
  );
  return {
    document: result.document,
    inserted: result.inserted.map((i) => drafts[i]!),
    refused: result.refused.map(({ index, error }) => ({ draft: drafts[index]!, reason: describeError(error) })),
  };
}
