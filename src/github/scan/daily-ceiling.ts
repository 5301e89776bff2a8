import { HeadscoutError } from "../../errors.ts";
import type { TriageDeps } from "../../triage/run.ts";

export const DAILY_TOKENS_VARIABLE = "HEADSCOUT_MAX_LLM_TOKENS_PER_DAY";

/**
 * Lowers a run's token cap to what is left of the operator's per-day ceiling (the ledger keeps
 * each day's spend), so that a repository scanned often cannot spend more in a day.
 */
export function applyDailyCeiling(triage: TriageDeps, env: Record<string, string | undefined>, spentToday: number): TriageDeps {
  const value = env[DAILY_TOKENS_VARIABLE]?.trim();
  if (!value || !triage.llm?.limits) return triage;
  if (!/^\d+$/.test(value)) throw new HeadscoutError(`${DAILY_TOKENS_VARIABLE}=${value} is not a whole number`);
  const left = Math.max(0, Number(value) - spentToday);
  if (left >= triage.llm.limits.maxTokens) return triage;
  return {
    ...triage,
    llm: { ...triage.llm, limits: { ...triage.llm.limits, maxTokens: left } },
    notes: [...(triage.notes ?? []), `${spentToday} of today's ${value} LLM tokens (${DAILY_TOKENS_VARIABLE}) are spent: this run may use ${left}`],
  };
}
