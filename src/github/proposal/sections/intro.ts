import { codeSpan } from "../escape.ts";
import { countOf, isAskedFor, isSubmitted } from "../describe-paper.ts";
import type { ProposalMode, ProposedPaper } from "../types.ts";

export interface IntroFacts {
  mode: ProposalMode;
  included: readonly ProposedPaper[];
  deferred: number;
  catalogPath: string;
}

/** One paragraph: what this pull request adds, to which file, and what needs a closer look. */
export function renderIntro({ mode, included, deferred, catalogPath }: IntroFacts): string {
  const file = codeSpan(catalogPath);
  const submitted = included.length > 0 && included.every(isSubmitted);
  const asked = included.filter(isAskedFor).length;
  const sentences = submitted
    ? [`A reader submitted ${included.length === 1 ? "this paper" : "these papers"} with the "Add new paper" issue form; headscout looked ${included.length === 1 ? "it" : "them"} up and proposes the ${included.length === 1 ? "entry" : "entries"} for ${file}.`]
    : asked === included.length
      ? [`A maintainer asked headscout for ${included.length === 1 ? "this paper" : "these papers"}; it proposes the ${included.length === 1 ? "entry" : "entries"} for ${file}.`]
      : mode === "per-paper" && included.length === 1
        ? [`headscout found a new paper about attention heads and proposes its entry for ${file}.`]
        : [`headscout found **${countOf(included.length, "new paper")}** about attention heads and proposes their entries for ${file}.`];
  if (asked > 0) sentences.push(`Triage did not call ${asked === 1 ? "one of them" : `${asked} of them`} relevant: ${asked === 1 ? "it is" : "they are"} proposed because a maintainer asked, with triage's verdict shown below.`);
  sentences.push("The change only inserts lines: no existing line of the catalog is touched.");
  if (included.some(isSubmitted)) {
    sentences.push("The summary and head names of a submitted entry are the submitter's (sanitised), not headscout's: check them before merging.");
  }
  if (included.some((p) => p.draft.origin === "offline" && !isSubmitted(p))) {
    sentences.push("Entries marked *offline draft* were written without an LLM, by headscout's offline classifier: check their tags and summary before merging.");
  }
  if (deferred > 0) {
    sentences.push(`${countOf(deferred, "more paper")} ${deferred === 1 ? "waits" : "wait"} for the next pull request, to keep this description within GitHub's size limit.`);
  }
  return sentences.join(" ");
}
