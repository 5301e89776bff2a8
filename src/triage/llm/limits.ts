import { HeadscoutError } from "../../errors.ts";
import type { LlmConfig } from "../config.ts";
import type { LlmLimits } from "./budget.ts";

/** The operator's ceilings: a repository's config may lower them, never raise them. */
export const LIMIT_VARIABLES = {
  maxCalls: "HEADSCOUT_MAX_LLM_CALLS_PER_RUN",
  maxTokens: "HEADSCOUT_MAX_LLM_TOKENS_PER_RUN",
} as const;

const CONFIG_KEYS = { maxCalls: "triage.llm.maxCallsPerRun", maxTokens: "triage.llm.maxTokensPerRun" } as const;

function readCeiling(env: Record<string, string | undefined>, variable: string): number | undefined {
  const value = env[variable]?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new HeadscoutError(`${variable}=${value} is not a whole number`);
  return Number(value);
}

/**
 * The run's limits: the config's values, clamped to the operator's ceilings from the environment.
 * A value above a ceiling is not an error (the config belongs to the repository, the ceiling to
 * whoever pays): it is clamped, and the note says so.
 */
export function resolveLlmLimits(config: Pick<LlmConfig, "maxCallsPerRun" | "maxTokensPerRun">, env: Record<string, string | undefined>): { limits: LlmLimits; notes: string[] } {
  const wanted: LlmLimits = { maxCalls: config.maxCallsPerRun, maxTokens: config.maxTokensPerRun };
  const limits = { ...wanted };
  const notes: string[] = [];
  for (const key of ["maxCalls", "maxTokens"] as const) {
    const ceiling = readCeiling(env, LIMIT_VARIABLES[key]);
    if (ceiling !== undefined && wanted[key] > ceiling) {
      limits[key] = ceiling;
      notes.push(`${CONFIG_KEYS[key]} ${wanted[key]} is above the operator's ceiling ${LIMIT_VARIABLES[key]}=${ceiling}: using ${ceiling}`);
    }
  }
  return { limits, notes };
}
