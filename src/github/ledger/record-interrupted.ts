import { LEDGER_LIMITS, type Ledger, type ScanTrigger } from "./schema.ts";
import { releaseClaim } from "./claim-scan.ts";

/**
 * The app is stopping with this scan unfinished: the scan is recorded as interrupted (so the
 * dashboard and the next start say so, and a scheduled tick counts as missed) and its claim is let
 * go (so the next scan need not wait for it to lapse). Nothing else changes: the windows stay
 * where they were, so the next scan searches the same days. Does nothing once the claim is no
 * longer this scan's (it finished, or another replica took it over); returns whether it recorded.
 */
export function recordInterruptedScan(ledger: Ledger, scan: { at: Date; trigger: ScanTrigger; by: string; job?: string }): boolean {
  const claim = ledger.claim;
  if (!claim || claim.by !== scan.by || claim.job !== scan.job) return false;
  releaseClaim(ledger, scan.by, scan.job);
  ledger.scans.push({
    at: scan.at.toISOString(),
    trigger: scan.trigger,
    counts: { found: 0, known: 0, skipped: 0, retried: 0, triaged: 0, relevant: 0, irrelevant: 0, pending: 0, proposed: 0 },
    interrupted: true,
  });
  ledger.scans.splice(0, Math.max(0, ledger.scans.length - LEDGER_LIMITS.scans));
  return true;
}
