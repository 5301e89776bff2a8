import { updateLedger } from "../../ledger/store.ts";
import type { Command, LimitedCommand } from "../parse-command.ts";
import { renderRateLimited, takeCommandSlot } from "../rate-limit.ts";
import { runAdd } from "./add.ts";
import type { CommandContext, RepoState } from "./context.ts";
import { runDrop } from "./drop.ts";
import { runHelp } from "./help.ts";
import { runReconsider } from "./reconsider.ts";
import { runRecreate } from "./recreate.ts";
import { runRedraft } from "./redraft.ts";
import { runRetag } from "./retag.ts";
import { runWhyNot } from "./why-not.ts";

export { loadRepo, type CommandContext, type RepoState } from "./context.ts";

/**
 * Takes one of the repository's hourly slots for a limited command, in the ledger (one
 * compare-and-swap write, so every replica counts the same log): undefined when taken, else the
 * refusal to reply.
 */
export async function takeSlot(state: RepoState, kind: LimitedCommand, now: Date, count = 1): Promise<string | undefined> {
  const perHour = state.config.commands.perHour;
  let refusal: string | undefined;
  await updateLedger(state.store, (ledger) => {
    refusal = undefined;
    let log = ledger.commands;
    for (let i = 0; i < count; i++) {
      const decision = takeCommandSlot(log, kind, now, { perHour });
      if (!decision.allowed) {
        refusal = renderRateLimited(kind, decision, now, { perHour });
        return;
      }
      log = decision.log;
    }
    ledger.commands = log;
  }, `headscout: ${kind} counted for the hourly limit`);
  return refusal;
}

/** Runs a command other than `scan` (which the app runs as a repository job): verify, find, change, reply. */
export async function runCommand(ctx: CommandContext, state: RepoState, command: Exclude<Command, { name: "scan" }>): Promise<void> {
  switch (command.name) {
    case "add":
      return runAdd(ctx, state, command);
    case "why-not":
      return runWhyNot(ctx, state, command);
    case "retag":
      return runRetag(ctx, state, command);
    case "redraft":
      return runRedraft(ctx, state, command);
    case "drop":
      return runDrop(ctx, state, command);
    case "reconsider":
      return runReconsider(ctx, state, command);
    case "recreate":
      return runRecreate(ctx, state);
    case "help":
      return runHelp(ctx);
  }
}
