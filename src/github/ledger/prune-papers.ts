import { LEDGER_LIMITS, type Ledger } from "./schema.ts";

const DAY_MS = 24 * 3600_000;

/**
 * Forgets papers judged irrelevant and not seen for `LEDGER_LIMITS.irrelevantDays`: every
 * source's window has long moved past them, so no scan finds them again. Those only the prefilter
 * judged go after `LEDGER_LIMITS.prefilteredDays` (found again, they are judged again for free);
 * without that a year of daily scans kept ~80,000 of them, tens of megabytes rewritten per scan.
 * Rejected, merged, proposed, pending, listed and relevant papers are never forgotten. Returns the
 * keys removed.
 */
export function prunePapers(ledger: Ledger, now: Date, days: number = LEDGER_LIMITS.irrelevantDays, prefilteredDays: number = LEDGER_LIMITS.prefilteredDays): string[] {
  const removed: string[] = [];
  for (const [key, record] of Object.entries(ledger.papers)) {
    if (record.state !== "judged" || record.verdict?.decision !== "irrelevant") continue;
    const keepDays = record.verdict.stage === "prefilter" ? prefilteredDays : days;
    if (Date.parse(record.lastSeen) >= now.getTime() - keepDays * DAY_MS) continue;
    delete ledger.papers[key];
    removed.push(key);
  }
  return removed;
}
