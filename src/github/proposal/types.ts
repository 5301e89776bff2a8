import type { SourcesReport } from "../../sources/report.ts";
import type { TriageMode } from "../../triage/run.ts";
import type { EntryDraft, Verdict } from "../../triage/verdict.ts";

/** One rolling pull request for every new paper, or one pull request per paper. */
export type ProposalMode = "grouped" | "per-paper";

export interface ProposedPaper {
  draft: EntryDraft;
  verdict: Verdict;
}

/** Where the papers came from and who judged them: what a reviewer needs to trust (or doubt) the drafts. */
export interface ProposalProvenance {
  /** The scan's sources report; absent when the papers were read from a file. */
  sources?: SourcesReport;
  /** The search queries sent (arXiv's `search_query` values). */
  queries: readonly string[];
  triage: { mode: TriageMode; model?: string; promptVersion?: string; offlineModelVersion?: string };
  headscoutVersion: string;
  /**
   * The paper came from an issue-form submission: the body says so and closes that issue when
   * merged (kept in the ledger with the proposal, so a rebuild keeps the closing line).
   */
  submission?: { issue: number; login: string };
}

export interface ProposalInput {
  mode: ProposalMode;
  /** In the order they are shown; when some must wait for the next pull request, the last ones wait. */
  papers: readonly ProposedPaper[];
  /** The catalog file the entries go into, as the repository names it. */
  catalogPath: string;
  provenance: ProposalProvenance;
  /** Things the maintainer should know (e.g. papers dropped on a rebuild because the catalog now lists them). */
  notes?: readonly string[];
  /** How maintainers address the bot in a comment; "@headscout" unless the app's slug differs. */
  command?: string;
}

/** How much of each paper's details a body shows: shortened, step by step, until the body fits. */
export type DetailLevel = "full" | "short-abstract" | "no-abstract";

export const DEFAULT_COMMAND = "@headscout";
