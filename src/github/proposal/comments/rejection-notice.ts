import { codeSpan, escapeForGitHub } from "../escape.ts";
import { DEFAULT_COMMAND } from "../types.ts";

/** Said once when papers are marked rejected (pull request closed unmerged, or a paper unticked). */
export function renderRejectionNotice(papers: readonly { key: string; title: string }[], { command = DEFAULT_COMMAND }: { command?: string } = {}): string {
  const one = papers.length === 1;
  return [
    `headscout will not propose ${one ? "this paper" : "these papers"} again:`,
    "",
    ...papers.map((p) => `- ${escapeForGitHub(p.title)} (${codeSpan(p.key)})`),
    "",
    `Changed your mind? Comment ${codeSpan(`${command} reconsider <paper id>`)} with ${one ? "the id above" : "one of the ids above"}.`,
  ].join("\n");
}
