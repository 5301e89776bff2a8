import { findPaperKey } from "./find-paper.ts";
import type { Ledger, RejectionKind } from "./schema.ts";
import { settlePaper } from "./upsert-paper.ts";

export interface RejectionEvent {
  pr: number;
  how: RejectionKind;
  /** The login of who closed the pull request or unticked the paper. */
  by?: string;
  at: Date;
}

/**
 * Marks papers rejected in a pull request (closed unmerged, unticked, dropped): never proposed
 * again until a maintainer lifts it. `how: "closed"` also closes the proposal. Returns the keys
 * newly rejected, so the bot says so once; keys the ledger does not know are passed over.
 */
export function markRejected(ledger: Ledger, keys: readonly string[], event: RejectionEvent): string[] {
  const at = event.at.toISOString();
  const proposal = ledger.proposals[event.pr];
  if (proposal && event.how === "closed") {
    proposal.state = "closed";
    proposal.updatedAt = at;
    // A closed pull request is never rebuilt: its papers' drafts need not be kept.
    proposal.details = [];
  }
  const rejected: string[] = [];
  for (const given of keys) {
    const key = findPaperKey(ledger, given);
    const record = key ? ledger.papers[key] : undefined;
    if (!key || !record || record.state === "rejected" || record.state === "merged") continue;
    record.state = "rejected";
    record.proposal = event.pr;
    record.rejection = { at, pr: event.pr, how: event.how, ...(event.by ? { by: event.by } : {}) };
    settlePaper(record, undefined);
    rejected.push(key);
  }
  return rejected;
}

/** A bot pull request closed unmerged: every paper it still proposed is rejected (`markRejected`). */
export function closeProposal(ledger: Ledger, pr: number, options: { by?: string; at: Date }): string[] {
  const proposal = ledger.proposals[pr];
  if (!proposal) return [];
  const stillProposed = proposal.papers.filter((key) => ledger.papers[key]?.state === "proposed" && ledger.papers[key]?.proposal === pr);
  return markRejected(ledger, stillProposed, { pr, how: "closed", at: options.at, ...(options.by ? { by: options.by } : {}) });
}

/**
 * A maintainer takes a rejection back: the paper is triaged again on the next run (pending, when
 * the ledger still has the paper; else judged, and proposed when a source finds it again).
 * Returns the keys lifted.
 */
export function liftRejection(ledger: Ledger, keys: readonly string[]): string[] {
  const lifted: string[] = [];
  for (const given of keys) {
    const key = findPaperKey(ledger, given);
    const record = key ? ledger.papers[key] : undefined;
    if (!key || record?.state !== "rejected") continue;
    record.state = record.paper ? "pending" : "judged";
    delete record.rejection;
    delete record.proposal;
    settlePaper(record, undefined);
    lifted.push(key);
  }
  return lifted;
}
