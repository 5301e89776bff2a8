import { markRejected } from "../../ledger/mark-rejected.ts";
import { codeSpan } from "../../proposal/escape.ts";
import type { Command } from "../parse-command.ts";
import { applyDrop } from "../retag.ts";
import { changeProposal, targetPaper } from "./change-proposal.ts";
import type { CommandContext, RepoState } from "./context.ts";

/** `drop [id]`: the paper taken out of this pull request and rejected (never proposed again until reconsidered). */
export async function runDrop(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "drop" }>): Promise<void> {
  const target = await targetPaper(ctx, state, command.paper);
  if (!target) return;
  const at = ctx.environment.now();
  const unbuilt = await changeProposal(ctx, state, (ledger, proposal) => {
    markRejected(ledger, [target.key], { pr: ctx.issueNumber, how: "dropped", by: ctx.login, at });
    proposal.details = applyDrop(proposal.details, target.key) ?? proposal.details;
  }, `drop ${target.key}`);
  await ctx.reply(
    `Dropped ${codeSpan(target.key)} from this pull request: headscout will not propose it again. ${codeSpan(`${ctx.environment.command} reconsider ${target.key}`)} lifts that.${unbuilt}`,
  );
}
