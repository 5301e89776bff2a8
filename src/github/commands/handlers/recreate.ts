import { readBranchHead } from "../../git-data.ts";
import { openProposalOf, type CommandContext, type RepoState } from "./context.ts";
import { changeProposal } from "./change-proposal.ts";

/**
 * `recreate`: the branch rebuilt from the ledger's record on the latest default branch, over
 * anyone's commits on it (the bot takes the branch back: later pushes are noticed again).
 */
export async function runRecreate(ctx: CommandContext, state: RepoState): Promise<void> {
  const record = openProposalOf(state, ctx.issueNumber);
  if (typeof record === "string") return void (await ctx.reply(record));
  const head = await readBranchHead(ctx.github, ctx.repo, record.branch);
  if (!head) return void (await ctx.reply(`The branch \`${record.branch}\` is gone: close this pull request, and the next scan proposes its papers again.`));
  const overwritten = head !== record.headSha;
  await changeProposal(ctx, state, (_, proposal) => {
    // The head as it is now counts as the bot's: the rebuild replaces it.
    proposal.headSha = head;
    proposal.humanPushNoticed = false;
  }, "recreate");
  await ctx.reply(
    overwritten
      ? "Recreated this pull request's branch from scratch on the latest default branch. **Warning:** the commits others had pushed to it are no longer on the branch (they are still in the pull request's history)."
      : "Recreated this pull request's branch from scratch on the latest default branch.",
  );
}
