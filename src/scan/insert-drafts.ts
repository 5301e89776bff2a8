import { insert } from "../catalog/insert.ts";
import type { HeadRegistry } from "../catalog/registry.ts";
import { describeError, HeadscoutError } from "../errors.ts";
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
 * Inserts drafts one by one, so one the engine refuses (a duplicate, an invalid date) is reported
 * and the others still land.
 */
export function insertDrafts(document: string, drafts: readonly EntryDraft[], registry?: HeadRegistry): CatalogEdit {
  let current = document;
  const inserted: EntryDraft[] = [];
  const refused: RefusedDraft[] = [];
  for (const draft of drafts) {
    try {
      current = insert(current, [draft.entry], registry ? { registry } : {});
      inserted.push(draft);
    } catch (error) {
      if (!(error instanceof HeadscoutError)) throw error;
      refused.push({ draft, reason: describeError(error) });
    }
  }
  return { document: current, inserted, refused };
}
