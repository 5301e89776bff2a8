import { liftRejection } from "../../ledger/mark-rejected.ts";
import { updateLedger } from "../../ledger/store.ts";
import { codeSpan } from "../../proposal/escape.ts";
import type { Command } from "../parse-command.ts";
import { whyNot } from "../why-not.ts";
import type { CommandContext, RepoState } from "./context.ts";

/** `reconsider <id>`: a rejection lifted; the next scan that finds the paper judges it again. */
export async function runReconsider(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "reconsider" }>): Promise<void> {
  let lifted: string[] = [];
  await updateLedger(state.store, (ledger) => {
    lifted = liftRejection(ledger, [command.paper.key]);
  }, `headscout: reconsider ${command.paper.key} by ${ctx.login}`);
  if (lifted.length === 0) {
    await ctx.reply(`${codeSpan(command.paper.key)} is not rejected, so there is nothing to lift. ${whyNot({ paper: command.paper, ledger: state.ledger, command: ctx.environment.command }).reply}`);
    return;
  }
  await ctx.reply(
    `The rejection of ${codeSpan(lifted[0]!)} is lifted: headscout may propose it again (the next scan that finds it judges it again; ${codeSpan(`${ctx.environment.command} add ${lifted[0]}`)} proposes it now).`,
  );
}
