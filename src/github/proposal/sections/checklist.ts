import { codeSpan, escapeForGitHub } from "../escape.ts";
import { hiddenData, hiddenLabel, linesOutsideCode, readHiddenData } from "../hidden-data.ts";
import type { ProposedPaper } from "../types.ts";
import { parseProposalMarker } from "./proposal-marker.ts";

const START = "checklist";
const END = "/checklist";
const PAPER = "paper";

/** One ticked line; the hidden marker at its end names the paper, whatever a maintainer does to the text. */
export function renderChecklistLine({ draft }: ProposedPaper): string {
  return `- [x] ${escapeForGitHub(draft.entry.title)} (${codeSpan(draft.key)}) ${hiddenData(PAPER, draft.key)}`;
}

/** The grouped pull request's list of papers, from lines rendered by renderChecklistLine. */
export function renderChecklist(lines: readonly string[]): string {
  return [
    "### Papers in this pull request",
    "",
    "Untick a paper to take it out of this pull request: headscout removes its entry and will never propose it again.",
    "",
    hiddenLabel(START),
    ...lines,
    hiddenLabel(END),
  ].join("\n");
}

const TASK = /^\s{0,3}[-*+]\s+\[\s*([xX]?)\s*\]\s/;

/**
 * Which papers of a grouped pull request are still ticked, by paper key. Only lines between the
 * checklist's own markers count, only with a paper marker, and only for papers the proposal marker
 * lists; a line a maintainer deleted is simply absent from the map. A paper listed twice counts as
 * ticked if any of its lines is: unticking rejects it for good, so only a clear untick does.
 */
export function readChecklist(body: string): Map<string, boolean> {
  const ticked = new Map<string, boolean>();
  const proposal = parseProposalMarker(body);
  if (!proposal) return ticked;
  const papers = new Set(proposal.papers);
  let inside = false;
  for (const line of linesOutsideCode(body)) {
    const label = /^\s*<!--\s*headscout:(\/?checklist)\s*-->\s*$/.exec(line)?.[1];
    if (label === START) inside = true;
    else if (label === END) inside = false;
    if (!inside || label) continue;
    const task = TASK.exec(line);
    const key = task ? readHiddenData(line, PAPER).at(-1) : undefined;
    if (typeof key !== "string" || !papers.has(key)) continue;
    ticked.set(key, (ticked.get(key) ?? false) || task![1] !== "");
  }
  return ticked;
}
