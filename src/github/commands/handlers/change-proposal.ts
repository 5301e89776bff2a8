import type { Ledger, ProposalRecord } from "../../ledger/schema.ts";
import { updateLedger } from "../../ledger/store.ts";
import { rebuildProposals } from "../../scan/rebuild-proposals.ts";
import type { PaperRef } from "../paper-ref.ts";
import { resolveProposalPaper } from "../retag.ts";
import { openProposalOf, type CommandContext, type RepoState } from "./context.ts";

/**
 * The paper of this pull request a command means (its id, or the only paper), or undefined after
 * replying why not (not a proposal the ledger knows, not open, not one of its papers).
 */
export async function targetPaper(ctx: CommandContext, state: RepoState, paper: PaperRef | undefined): Promise<{ record: ProposalRecord; key: string } | undefined> {
  const record = openProposalOf(state, ctx.issueNumber);
  if (typeof record === "string") return void (await ctx.reply(record));
  const target = resolveProposalPaper(record.details, paper?.key);
  if ("reply" in target) return void (await ctx.reply(target.reply));
  return { record, key: target.key };
}

/**
 * Changes this pull request's record in the ledger (`change` runs on the latest ledger, again on a
 * conflict) and rebuilds it from the record, even when nothing else moved. Returns what to add to
 * the reply when it could not be rebuilt (someone else's commits are on the branch), else "".
 */
export async function changeProposal(ctx: CommandContext, state: RepoState, change: (ledger: Ledger, proposal: ProposalRecord) => void, message: string): Promise<string> {
  await updateLedger(state.store, (ledger) => {
    const proposal = ledger.proposals[ctx.issueNumber];
    if (proposal?.state === "open") change(ledger, proposal);
  }, `headscout: ${message} in #${ctx.issueNumber} by ${ctx.login}`);
  const outcome = await rebuildProposals(ctx.github, ctx.repo, ctx.environment, { force: [ctx.issueNumber] });
  if (outcome?.pullRequests.some((pr) => pr.number === ctx.issueNumber)) return "";
  return ` The branch was not rebuilt: it has commits by someone else, which headscout leaves alone (\`${ctx.environment.command} recreate\` rebuilds it over them).`;
}
