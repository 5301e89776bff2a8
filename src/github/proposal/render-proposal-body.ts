import { HeadscoutError } from "../../errors.ts";
import { renderChecklist, renderChecklistLine } from "./sections/checklist.ts";
import { renderClosesLine } from "./sections/closes.ts";
import { renderEntryYaml } from "./sections/entry-yaml.ts";
import { renderIntro } from "./sections/intro.ts";
import { renderNextSteps } from "./sections/next-steps.ts";
import { renderNotes } from "./sections/notes.ts";
import { renderPaperDetails } from "./sections/paper-details.ts";
import { renderPaperTable, renderTableRow } from "./sections/paper-table.ts";
import { renderProposalMarker } from "./sections/proposal-marker.ts";
import { renderProvenance } from "./sections/provenance.ts";
import { DEFAULT_COMMAND, type DetailLevel, type ProposalInput, type ProposedPaper } from "./types.ts";

/** GitHub refuses a pull request body longer than this (it counts characters; JS length is never less). */
export const GITHUB_BODY_LIMIT = 65_536;

export interface ProposalBody {
  body: string;
  /** Keys of the papers this body proposes, in order. */
  included: string[];
  /** Keys of the papers that did not fit: they wait for the next pull request. */
  deferred: string[];
}

/** One paper's blocks, each only ever used whole. Row, line and YAML are the same at every detail level. */
interface PaperBlocks {
  paper: ProposedPaper;
  row: string;
  line: string;
  yaml: string;
  details: string;
}

/** The sections that do not depend on which papers a body holds. */
interface OuterSections {
  notes: string | undefined;
  provenance: string;
  nextSteps: string;
}

const LEVELS: readonly DetailLevel[] = ["full", "short-abstract", "no-abstract"];

const SHORTENED: Record<DetailLevel, string | undefined> = {
  full: undefined,
  "short-abstract": "Abstracts are shortened to fit GitHub's size limit; the paper links have them in full.",
  "no-abstract": "Abstracts are left out to fit GitHub's size limit; the paper links have them.",
};

function renderDetails(blocks: readonly PaperBlocks[], level: DetailLevel): string {
  const note = SHORTENED[level];
  return ["### Details", ...(note ? [`_${note}_`] : []), ...blocks.map((b) => b.details)].join("\n\n");
}

function composeBody(input: ProposalInput, outer: OuterSections, blocks: readonly PaperBlocks[], deferred: number, level: DetailLevel): string {
  const included = blocks.map((b) => b.paper);
  const sections = [
    renderIntro({ mode: input.mode, included, deferred, catalogPath: input.catalogPath }),
    input.provenance.submission ? renderClosesLine(input.provenance.submission.issue) : undefined,
    renderPaperTable(blocks.map((b) => b.row)),
    input.mode === "grouped" ? renderChecklist(blocks.map((b) => b.line)) : undefined,
    outer.notes,
    renderDetails(blocks, level),
    outer.provenance,
    outer.nextSteps,
    renderProposalMarker({ mode: input.mode, papers: included.map((p) => p.draft.key), catalogPath: input.catalogPath }),
  ];
  return `${sections.filter((s) => s !== undefined).join("\n\n")}\n`;
}

function keysOf(papers: readonly ProposedPaper[]): string[] {
  return papers.map((p) => p.draft.key);
}

/**
 * The pull request body for the given papers, within `maxChars`. When the whole body is too long,
 * each paper's details shrink first (abstracts shortened at a sentence, then left out); if it is
 * still too long, the last papers wait for the next pull request. A paper is in the body whole
 * (table row, checklist line, details with its YAML entry) or not at all: nothing is cut mid-block.
 */
export function renderProposalBody(input: ProposalInput, { maxChars = GITHUB_BODY_LIMIT }: { maxChars?: number } = {}): ProposalBody {
  const { papers } = input;
  if (papers.length === 0) throw new HeadscoutError("a proposal needs at least one paper");
  if (input.mode === "per-paper" && papers.length > 1) throw new HeadscoutError(`a per-paper proposal holds one paper, not ${papers.length}`);
  const outer: OuterSections = {
    notes: renderNotes(input.notes ?? []),
    provenance: renderProvenance(input.provenance),
    nextSteps: renderNextSteps(input.mode, input.catalogPath, input.command ?? DEFAULT_COMMAND),
  };
  const blocks: PaperBlocks[] = papers.map((paper) => ({
    paper,
    row: renderTableRow(paper),
    line: renderChecklistLine(paper),
    yaml: renderEntryYaml(paper.draft.entry),
    details: "",
  }));
  for (const level of LEVELS) {
    for (const b of blocks) b.details = renderPaperDetails(b.paper, level, b.yaml);
    const body = composeBody(input, outer, blocks, 0, level);
    if (body.length <= maxChars) return { body, included: keysOf(papers), deferred: [] };
  }
  // The most papers whose body fits at the smallest details (a body only grows with each paper).
  const level = LEVELS.at(-1)!;
  const bodyWith = (n: number) => composeBody(input, outer, blocks.slice(0, n), blocks.length - n, level);
  let low = 0;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bodyWith(mid).length <= maxChars) low = mid;
    else high = mid - 1;
  }
  if (low === 0) throw new HeadscoutError(`the proposal body does not fit in ${maxChars} characters even with one paper (${papers[0]!.draft.key})`);
  return { body: bodyWith(low), included: keysOf(papers.slice(0, low)), deferred: keysOf(papers.slice(low)) };
}
