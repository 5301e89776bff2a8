import { createPrefilter } from "../../../triage/prefilter.ts";
import { fetchPapersById } from "../fetch-papers.ts";
import type { Command } from "../parse-command.ts";
import { whyNot, type WhyNotInput } from "../why-not.ts";
import { catalogForReply, type CommandContext, type RepoState } from "./context.ts";

/**
 * `why-not <id>`: answered from the ledger and the catalog on the default branch. For a paper the
 * prefilter filtered out (the ledger keeps none of its text), the paper is fetched again and the
 * prefilter re-run, so the answer names the rules that fired.
 */
export async function runWhyNot(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "why-not" }>): Promise<void> {
  const catalog = await catalogForReply(ctx.github, ctx.repo, state);
  const input: WhyNotInput = { paper: command.paper, ledger: state.ledger, ...(catalog ? { catalog } : {}), command: ctx.environment.command };
  const answer = whyNot(input);
  if (answer.kind !== "prefiltered") return void (await ctx.reply(answer.reply));
  const { env, fetch } = ctx.environment;
  const paper = (await fetchPapersById([command.paper], { env, ...(fetch ? { fetch } : {}) })).found.get(command.paper.key);
  if (!paper) return void (await ctx.reply(answer.reply));
  const threshold = state.config.triage.prefilterThreshold;
  const prefilter = createPrefilter(state.registry, threshold)(paper);
  await ctx.reply(whyNot({ ...input, prefilter: { ...prefilter, threshold } }).reply);
}
