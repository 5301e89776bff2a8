import { codeSpan } from "../escape.ts";
import { DEFAULT_COMMAND } from "../types.ts";

/** The one reply to a command from someone without write access. */
export function renderOutsiderReply({ command = DEFAULT_COMMAND }: { command?: string } = {}): string {
  return `Thanks for the interest! Only people with write access to this repository can give headscout commands, so this one was not run. A maintainer can start a scan with ${codeSpan(`${command} scan`)}.`;
}
