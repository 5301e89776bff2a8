import { renderHelp } from "../parse-command.ts";
import type { CommandContext } from "./context.ts";

/** `help`: the commands and their usage. */
export async function runHelp(ctx: CommandContext): Promise<void> {
  await ctx.reply(renderHelp(ctx.slug));
}
