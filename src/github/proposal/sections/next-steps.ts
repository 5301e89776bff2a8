import { codeSpan } from "../escape.ts";
import type { ProposalMode } from "../types.ts";

/** What merging, closing or unticking does: the ledger remembers, so a maintainer decides once. */
export function renderNextSteps(mode: ProposalMode, catalogPath: string, command: string): string {
  const grouped = mode === "grouped";
  const these = grouped ? "these papers" : "this paper";
  const reconsider = codeSpan(`${command} reconsider <paper id>`);
  return [
    "### What happens next",
    "",
    `- **Merge**: the ${grouped ? "entries land" : "entry lands"} in ${codeSpan(catalogPath)}, and headscout remembers ${these} as merged.`,
    ...(grouped ? ["- **Untick a paper** in the list above: that paper alone leaves this pull request, and headscout never proposes it again."] : []),
    `- **Close without merging**: headscout remembers ${grouped ? "every paper here" : "this paper"} as rejected and never proposes ${grouped ? "them" : "it"} again. A comment ${reconsider} lifts that.`,
    "- **Push your own commits** to this branch: headscout leaves the branch alone from then on.",
    "- When the default branch moves, headscout rebuilds this pull request on it; papers the catalog lists by then are dropped.",
  ].join("\n");
}
