import { z } from "zod";
import { codeSpan } from "../proposal/escape.ts";
import type { LimitedCommand } from "./parse-command.ts";

/**
 * The per-repository limit on commands that search or call the LLM (`scan`, `add`, `redraft`, and
 * a ticked near miss on the dashboard, which is an `add`): at most `perHour` of them, together, in
 * any sliding hour. The log lives in the ledger (`commands`), so every replica counts the same
 * commands; the check and the new entry are one ledger write (`updateLedger`'s compare-and-swap),
 * so two replicas cannot both take the last slot.
 */
export const DEFAULT_COMMANDS_PER_HOUR = 6;
/** The most entries kept, whatever the configured limit (a bound on the ledger, not a policy). */
export const COMMAND_LOG_LIMIT = 60;
const HOUR = 60 * 60 * 1000;

export const LIMITED_COMMANDS = ["scan", "add", "redraft"] as const satisfies readonly LimitedCommand[];

/** `commands:` in .github/headscout.yml. */
export const commandsConfigSchema = z
  .object({
    perHour: z
      .number()
      .int()
      .min(1)
      .max(COMMAND_LOG_LIMIT)
      .default(DEFAULT_COMMANDS_PER_HOUR)
      .describe("At most this many scan, add and redraft commands (ticked near misses included) an hour in this repository."),
  })
  .strict();
export type CommandsConfig = z.infer<typeof commandsConfigSchema>;

/** One command counted by the limit, as the ledger keeps it (`commands: [{ at, kind }]`, oldest first). */
export interface CommandLogEntry {
  /** ISO instant the command was accepted. */
  at: string;
  kind: LimitedCommand;
}

export type SlotDecision =
  /** `log`: the log with this command in it (and entries older than an hour gone): write it to the ledger. */
  | { allowed: true; log: CommandLogEntry[] }
  /** `log`: the log as it was (nothing to write); `nextAt`: the first instant a command is accepted again. */
  | { allowed: false; log: CommandLogEntry[]; nextAt: Date; used: number };

/** The entries of the last hour before `now`, oldest first. */
function lastHour(log: readonly CommandLogEntry[], now: Date): CommandLogEntry[] {
  const since = now.getTime() - HOUR;
  return log.filter((entry) => Date.parse(entry.at) > since).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Whether a command may run now, and the log to write back. Pure: the clock is `now`. Call it
 * inside the ledger mutation so the decision is taken on the ledger as written.
 */
export function takeCommandSlot(log: readonly CommandLogEntry[], kind: LimitedCommand, now: Date, { perHour = DEFAULT_COMMANDS_PER_HOUR }: { perHour?: number } = {}): SlotDecision {
  const recent = lastHour(log, now);
  if (recent.length >= perHour) {
    // The slot frees when the entry that put the count over the limit leaves the hour.
    const freeing = recent[recent.length - perHour]!;
    return { allowed: false, log: [...log], nextAt: new Date(Date.parse(freeing.at) + HOUR), used: recent.length };
  }
  const next = [...recent, { at: now.toISOString(), kind }];
  return { allowed: true, log: next.slice(-COMMAND_LOG_LIMIT) };
}

/** "14:05 UTC", or "00:05 UTC on 2026-06-04" on another day than `now`; rounded up to the minute. */
export function formatNextAt(nextAt: Date, now: Date): string {
  const minute = new Date(Math.ceil(nextAt.getTime() / 60_000) * 60_000);
  const iso = minute.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${time} on ${iso.slice(0, 10)}`;
}

/** The reply to a command the limit refused: how many were run, the limit, when the next is possible. */
export function renderRateLimited(kind: LimitedCommand, decision: Extract<SlotDecision, { allowed: false }>, now: Date, { perHour = DEFAULT_COMMANDS_PER_HOUR }: { perHour?: number } = {}): string {
  return [
    `This repository has had ${decision.used} ${LIMITED_COMMANDS.map((name) => codeSpan(name)).join(", ").replace(/, ([^,]*)$/, " or $1")} commands in the last hour, and its limit is ${perHour} an hour`,
    ` (\`commands.perHour\` in \`.github/headscout.yml\`). The next ${kind} is possible at ${formatNextAt(decision.nextAt, now)}.`,
  ].join("");
}
