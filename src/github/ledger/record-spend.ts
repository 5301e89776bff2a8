import { LEDGER_LIMITS, type DaySpend, type Ledger } from "./schema.ts";

/**
 * Adds LLM usage to a UTC day (`YYYY-MM-DD`), so the app can hold a per-day ceiling across scans,
 * restarts and replicas; days older than `LEDGER_LIMITS.spendDays` before it are dropped.
 */
export function recordSpend(ledger: Ledger, day: string, usage: DaySpend): DaySpend {
  const total = spendOn(ledger, day);
  total.calls += usage.calls;
  total.tokens += usage.tokens;
  // Cents of a cent add up over 40 days of floats: keep six decimals.
  total.costUsd = Math.round((total.costUsd + usage.costUsd) * 1e6) / 1e6;
  ledger.spend[day] = total;
  const oldest = new Date(Date.parse(`${day}T00:00:00Z`) - (LEDGER_LIMITS.spendDays - 1) * 24 * 3600_000).toISOString().slice(0, 10);
  for (const recorded of Object.keys(ledger.spend)) if (recorded < oldest) delete ledger.spend[recorded];
  return { ...total };
}

/** What was spent on a UTC day (zero when nothing was). */
export function spendOn(ledger: Ledger, day: string): DaySpend {
  const spent = ledger.spend[day];
  return spent ? { ...spent } : { calls: 0, tokens: 0, costUsd: 0 };
}
