import type { Ledger } from "./schema.ts";
import { settlePaper } from "./upsert-paper.ts";

/**
 * A bot pull request was merged: it and the papers it still proposed are merged (never proposed
 * again; a paper unticked before the merge stays rejected). Returns the papers marked; none when
 * the ledger does not know the pull request.
 */
export function markMerged(ledger: Ledger, pr: number, options: { at: Date }): string[] {
  const proposal = ledger.proposals[pr];
  if (!proposal) return [];
  proposal.state = "merged";
  // A merged pull request is never rebuilt: its papers' drafts need not be kept.
  proposal.details = [];
  proposal.updatedAt = options.at.toISOString();
  const marked: string[] = [];
  for (const key of proposal.papers) {
    const record = ledger.papers[key];
    if (record?.state !== "proposed" || record.proposal !== pr) continue;
    record.state = "merged";
    settlePaper(record, undefined);
    marked.push(key);
  }
  return marked;
}
