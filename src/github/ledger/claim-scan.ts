import type { Ledger } from "./schema.ts";

export interface ClaimRequest {
  /** This app process. */
  by: string;
  /** Where the scan was asked for, for the "already running" reply. */
  origin: string;
  now: Date;
  /** How long the claim holds: a process that dies mid-scan stops holding it then. */
  ttlMs: number;
  /** The queued job this scan runs (replicas on Redis): its retry elsewhere may take the claim over. */
  job?: string;
}

/**
 * Claims the repository's scan for one app process. Written with the ledger's compare-and-swap,
 * it is what lets one of two replicas scan while the other answers "already running".
 */
export function claimScan(ledger: Ledger, request: ClaimRequest): { claimed: true } | { claimed: false; holder: NonNullable<Ledger["claim"]> } {
  const held = ledger.claim;
  if (held && Date.parse(held.until) > request.now.getTime() && !mayTakeOver(held, request)) return { claimed: false, holder: held };
  ledger.claim = { by: request.by, origin: request.origin, until: new Date(request.now.getTime() + request.ttlMs).toISOString(), ...(request.job ? { job: request.job } : {}) };
  return { claimed: true };
}

/**
 * A live claim is this scan's own when the same process made it for the same job (or, without a
 * queue, for any job: the process runs one scan per repository at a time), or when the queue runs
 * the same job again because the replica that claimed it was lost.
 */
function mayTakeOver(held: NonNullable<Ledger["claim"]>, request: ClaimRequest): boolean {
  if (request.job) return held.job === request.job;
  return held.by === request.by && held.job === undefined;
}

/** Lets go of this scan's claim (another's is left alone). */
export function releaseClaim(ledger: Ledger, by: string, job?: string): void {
  if (ledger.claim?.by === by && ledger.claim.job === job) delete ledger.claim;
}
