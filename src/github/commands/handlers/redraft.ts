import type { Paper } from "../../../sources/paper.ts";
import { findPaperKey } from "../../ledger/find-paper.ts";
import { verdictRecord } from "../../ledger/record-scan.ts";
import { codeSpan } from "../../proposal/escape.ts";
import type { Verdict } from "../../../triage/verdict.ts";
import type { Command } from "../parse-command.ts";
import { applyRedraft } from "../retag.ts";
import { changeProposal, targetPaper } from "./change-proposal.ts";
import type { CommandContext, RepoState } from "./context.ts";
import { triageAnyway } from "./triage-anyway.ts";

/** `redraft [id]`: the paper judged again (past the prefilter) and its entry drafted anew, the pull request rebuilt. */
export async function runRedraft(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "redraft" }>): Promise<void> {
  const target = await targetPaper(ctx, state, command.paper);
  if (!target) return;
  const detail = target.record.details.find((d) => d.key === target.key)!;
  const paper = (detail.verdict as Verdict).paper as Paper;
  const { proposed } = await triageAnyway([paper], state, ctx.environment, { by: ctx.login, how: "redraft" });
  const [redrafted] = proposed;
  if (!redrafted) return void (await ctx.reply(`Triage gave no verdict for ${codeSpan(target.key)}; nothing changed.`));
  const at = ctx.environment.now().toISOString();
  const unbuilt = await changeProposal(ctx, state, (ledger, proposal) => {
    proposal.details = applyRedraft(proposal.details, target.key, redrafted) ?? proposal.details;
    const record = ledger.papers[findPaperKey(ledger, target.key) ?? ""];
    if (record) record.verdict = verdictRecord(redrafted.verdict, at);
  }, `redraft ${target.key}`);
  const { verdict } = redrafted;
  await ctx.reply(
    `Redrafted ${codeSpan(target.key)}: triage judged it ${verdict.decision}${verdict.confidence !== undefined ? ` (confidence ${verdict.confidence.toFixed(2)})` : ""}, tags ${redrafted.draft.entry.tags.join(", ") || "none"}.${unbuilt || " The pull request is rebuilt with the new entry."}`,
  );
}
