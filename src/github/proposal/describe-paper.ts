import { sanitizeUrl } from "../../catalog/sanitize.ts";
import { codeSpan, escapeForGitHub } from "./escape.ts";
import type { ProposedPaper } from "./types.ts";

/** What a reviewer is told about who drafted an entry. */
export function draftLabel(origin: ProposedPaper["draft"]["origin"]): string {
  return origin === "offline" ? "offline draft — check tags and summary" : "LLM draft";
}

/** Whether a paper came from a reader's issue-form submission (not judged by headscout). */
export function isSubmitted(paper: ProposedPaper): boolean {
  return paper.verdict.provenance.stage === "submission";
}

/** A paper proposed because a maintainer asked (`add`, a ticked near miss) although triage did not call it relevant. */
export function isAskedFor(paper: ProposedPaper): boolean {
  return !isSubmitted(paper) && paper.verdict.decision !== "relevant";
}

/** The draft's label, a submission's own. */
export function paperLabel(paper: ProposedPaper): string {
  return isSubmitted(paper) ? "issue-form submission — check tags and summary" : draftLabel(paper.draft.origin);
}

/** The paper's page (arXiv abstract, else OpenReview), as a safe link target, when there is one. */
function paperUrl({ draft, verdict }: ProposedPaper): string | undefined {
  const url = draft.entry.links.find((l) => l.kind === "paper")?.url ?? verdict.paper.links.abstract ?? verdict.paper.links.openreview;
  if (!url) return undefined;
  try {
    return sanitizeUrl(url);
  } catch {
    return undefined; // not http(s): shown as plain text rather than as a link
  }
}

/** The escaped title, linked to the paper's page when it has one. */
export function linkedTitle(paper: ProposedPaper): string {
  const title = escapeForGitHub(paper.draft.entry.title);
  const url = paperUrl(paper);
  return url ? `[${title}](${url})` : title;
}

export function venueOf({ verdict }: ProposedPaper): string {
  return verdict.paper.venue ?? (verdict.paper.ids.arxiv ? "arXiv" : "—");
}

export function formatConfidence(confidence: number | undefined): string {
  return confidence === undefined ? "—" : confidence.toFixed(2);
}

/** "1 paper", "3 papers". */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "the LLM `gpt-5.4-mini`, prompt `triage.v2+1a2b3c4d`" or "the offline classifier (model `1`)". */
export function describeJudge(llm: boolean, info: { model?: string; promptVersion?: string; offlineModelVersion?: string }): string {
  if (!llm) return `the offline classifier${info.offlineModelVersion ? ` (model ${codeSpan(info.offlineModelVersion)})` : ""}, no LLM`;
  return `the LLM${info.model ? ` ${codeSpan(info.model)}` : ""}${info.promptVersion ? `, prompt ${codeSpan(info.promptVersion)}` : ""}`;
}
