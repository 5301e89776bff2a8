import type { Command } from "../parse-command.ts";
import type { CommandContext, RepoState } from "./context.ts";
import { proposeNow } from "./propose-now.ts";

/** `add <id>…`: the papers proposed now, whatever the prefilter says; listed or proposed ones answered with where. */
export async function runAdd(ctx: CommandContext, state: RepoState, command: Extract<Command, { name: "add" }>): Promise<void> {
  const lines = await proposeNow({ github: ctx.github, repo: ctx.repo, environment: ctx.environment, by: ctx.login, how: "add" }, state, command.papers);
  await ctx.reply(lines.join("\n"));
}
