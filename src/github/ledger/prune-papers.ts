import { LEDGER_LIMITS, type Ledger } from "./schema.ts";

const DAY_MS = 24 * 3600_000;

/**
 * Forgets papers judged irrelevant and not seen for `LEDGER_LIMITS.irrelevantDays`: every
 * source's window has long moved past them, so no scan finds them again. Rejected, merged,
 * proposed, pending, listed and relevant papers are never forgotten. Returns the keys removed.
 */
export function prunePapers(ledger: Ledger, now: Date, days: number = LEDGER_LIMITS.irrelevantDays): string[] {
  const cutoff = now.getTime() - days * DAY_MS;
  const removed: string[] = [];
  for (const [key, record] of Object.entries(ledger.papers)) {
    if (record.state !== "judged" || record.verdict?.decision !== "irrelevant") continue;
    if (Date.parse(record.lastSeen) >= cutoff) continue;
    delete ledger.papers[key];
    removed.push(key);
  }
  return removed;
}
