import { requirePaperKey } from "./find-paper.ts";
import type { Ledger, ProposalMode, ProposalRecord } from "./schema.ts";
import { settlePaper } from "./upsert-paper.ts";

export interface ProposalUpdate {
  pr: number;
  branch: string;
  mode: ProposalMode;
  /** Keys of the papers the pull request now proposes (a verdict's key or the ledger's). */
  papers: readonly string[];
  /** The bot's commit at the head of the branch, and the default-branch commit it is built on. */
  headSha: string;
  baseSha: string;
  at: Date;
  /** The drafted entry and verdict of each paper, as the body shows them. */
  details?: ProposalRecord["details"];
  provenance?: unknown;
}

/**
 * Records a pull request the bot opened or rebuilt: its papers become proposed (and are skipped by
 * every later scan), unless a maintainer rejected one meanwhile; a paper a rebuild left out without
 * rejecting it goes back to judged, to be proposed again. Every paper must be in the ledger already
 * (`recordScan` first).
 */
export function recordProposal(ledger: Ledger, update: ProposalUpdate): ProposalRecord {
  const at = update.at.toISOString();
  const keys = [...new Set(update.papers.map((key) => requirePaperKey(ledger, key, `recording pull request #${update.pr}`)))];
  const previous = ledger.proposals[update.pr];
  for (const key of previous?.papers ?? []) {
    const record = ledger.papers[key];
    if (keys.includes(key) || record?.state !== "proposed" || record.proposal !== update.pr) continue;
    record.state = "judged";
    delete record.proposal;
    settlePaper(record, undefined);
  }
  for (const key of keys) {
    const record = ledger.papers[key]!;
    // Rejected or merged while this pull request was being built: that decision stands (the next rebuild takes the paper out).
    if (record.state === "rejected" || record.state === "merged") continue;
    record.state = "proposed";
    record.proposal = update.pr;
    delete record.rejection;
    settlePaper(record, undefined);
  }
  const proposal: ProposalRecord = {
    branch: update.branch,
    mode: update.mode,
    papers: keys,
    state: "open",
    openedAt: previous?.openedAt ?? at,
    updatedAt: at,
    headSha: update.headSha,
    baseSha: update.baseSha,
    humanPushNoticed: previous?.humanPushNoticed ?? false,
    details: update.details ?? previous?.details ?? [],
    ...((update.provenance ?? previous?.provenance) !== undefined ? { provenance: update.provenance ?? previous?.provenance } : {}),
  };
  ledger.proposals[update.pr] = proposal;
  return proposal;
}
