import type { Ledger } from "./schema.ts";

export interface ClaimRequest {
  /** This app process. */
  by: string;
  /** Where the scan was asked for, for the "already running" reply. */
  origin: string;
  now: Date;
  /** How long the claim holds: a process that dies mid-scan stops holding it then. */
  ttlMs: number;
}

/**
 * Claims the repository's scan for one app process. Written with the ledger's compare-and-swap,
 * it is what lets one of two replicas scan while the other answers "already running".
 */
export function claimScan(ledger: Ledger, request: ClaimRequest): { claimed: true } | { claimed: false; holder: NonNullable<Ledger["claim"]> } {
  const held = ledger.claim;
  if (held && held.by !== request.by && Date.parse(held.until) > request.now.getTime()) return { claimed: false, holder: held };
  ledger.claim = { by: request.by, origin: request.origin, until: new Date(request.now.getTime() + request.ttlMs).toISOString() };
  return { claimed: true };
}

/** Lets go of this process's claim (another's is left alone). */
export function releaseClaim(ledger: Ledger, by: string): void {
  if (ledger.claim?.by === by) delete ledger.claim;
}
