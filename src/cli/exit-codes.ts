/**
 * The exit codes of every headscout command, one table (README "Exit codes" repeats it).
 * When several apply, the lowest-numbered non-zero code wins except usage: a usage error stops
 * before anything runs; an input error (1) stops before any paper is judged; an LLM outage (3)
 * is reported only when the run otherwise went through.
 */
export const EXIT = {
  /** Done. Papers a per-run cap left for the next run still count as done (the output says so). */
  ok: 0,
  /** A source failed, or an input (catalog, config, papers or entries file) cannot be used. Nothing is written. */
  failed: 1,
  /** Usage: an unknown command or flag, a missing or malformed argument. */
  usage: 2,
  /** The LLM could not judge papers it had to (a request failed after retries, answers off schema). They stay held. */
  llmOutage: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The code of a run where several conditions hold: usage, then failed, then an LLM outage. */
export function combineExitCodes(...codes: ExitCode[]): ExitCode {
  for (const code of [EXIT.usage, EXIT.failed, EXIT.llmOutage]) if (codes.includes(code)) return code;
  return EXIT.ok;
}
