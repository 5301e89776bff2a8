import type { Command } from "../parse-command.ts";
import { whyNot } from "../why-not.ts";
import { catalogForReply, type CommandContext, type RepoState } from "./context.ts";

/** `why-not <id>`: answered from the ledger and the catalog on the default branch. */
export async function runWhyNot(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "why-not" }>): Promise<void> {
  const catalog = await catalogForReply(ctx.github, ctx.repo, state);
  await ctx.reply(whyNot({ paper: command.paper, ledger: state.ledger, ...(catalog ? { catalog } : {}), command: ctx.environment.command }).reply);
}
