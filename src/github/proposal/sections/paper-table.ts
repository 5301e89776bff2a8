import { formatConfidence, isAskedFor, linkedTitle, paperLabel, venueOf } from "../describe-paper.ts";
import { escapeForGitHub } from "../escape.ts";
import type { ProposedPaper } from "../types.ts";

const HEADER = "| Paper | Date | Venue | Tags | Confidence | Draft |\n|---|---|---|---|---|---|";

export function renderTableRow(paper: ProposedPaper): string {
  const { entry } = paper.draft;
  const tags = entry.tags.length ? entry.tags.map(escapeForGitHub).join(", ") : "—";
  const cells = [linkedTitle(paper), escapeForGitHub(entry.date), escapeForGitHub(venueOf(paper)), tags, isAskedFor(paper) ? `not relevant (${formatConfidence(paper.verdict.confidence)}), asked for` : formatConfidence(paper.verdict.confidence), paperLabel(paper)];
  return `| ${cells.join(" | ")} |`;
}

/** The table of papers, from rows rendered by renderTableRow. */
export function renderPaperTable(rows: readonly string[]): string {
  return `${HEADER}\n${rows.join("\n")}`;
}
