import { codeSpan, escapeForGitHub } from "../../proposal/escape.ts";
import type { Command } from "../parse-command.ts";
import { applyRetag, validateTags } from "../retag.ts";
import { changeProposal, targetPaper } from "./change-proposal.ts";
import type { CommandContext, RepoState } from "./context.ts";

/** `retag [id] Tag A, Tag B`: the entry's tags set (registry names only), the pull request rebuilt. */
export async function runRetag(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "retag" }>): Promise<void> {
  const target = await targetPaper(ctx, state, command.paper);
  if (!target) return;
  const check = validateTags(command.tags, state.registry);
  if (!check.ok) return void (await ctx.reply(check.reply));
  const unbuilt = await changeProposal(ctx, state, (_, proposal) => {
    proposal.details = applyRetag(proposal.details, target.key, check.tags, { by: ctx.login }) ?? proposal.details;
  }, `retag ${target.key}`);
  await ctx.reply(`Retagged ${codeSpan(target.key)}: ${check.tags.map(escapeForGitHub).join(", ")}.${unbuilt || " The pull request is rebuilt with these tags."}`);
}
