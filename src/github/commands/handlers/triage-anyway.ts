import type { Paper } from "../../../sources/paper.ts";
import { triagePapers, type TriageReport } from "../../../triage/run.ts";
import { setUpTriage } from "../../../triage/setup.ts";
import { draftEntry, type Verdict } from "../../../triage/verdict.ts";
import { spendOn } from "../../ledger/record-spend.ts";
import type { ProposedPaper } from "../../proposal/index.ts";
import { applyDailyCeiling } from "../../scan/daily-ceiling.ts";
import type { ScanEnvironment } from "../../scan/scan-repository.ts";
import type { RepoState } from "./context.ts";

/** What triage said, in a flag on the entry, when a maintainer asked for a paper triage would not propose. */
function verdictFlag(verdict: Verdict, by: string, how: string): string {
  const confidence = verdict.confidence !== undefined ? ` (confidence ${verdict.confidence.toFixed(2)})` : "";
  const why = verdict.rationale ?? verdict.reason;
  return `proposed by ${by} with ${how}: triage judged it ${verdict.decision}${confidence}${why ? `: ${why}` : ""}`;
}

/**
 * Papers triaged as a maintainer asked (`add`, `redraft`, a ticked near miss): within the
 * operator's ceilings, but past the prefilter, and drafted whatever the verdict — a paper judged
 * irrelevant is proposed anyway, its verdict and rationale flagged on the entry for the reviewer.
 */
export async function triageAnyway(papers: readonly Paper[], state: RepoState, environment: ScanEnvironment, { by, how }: { by: string; how: string }): Promise<{ proposed: ProposedPaper[]; report: TriageReport }> {
  const base = setUpTriage(state.config.triage, environment.env, { cache: environment.answers, ...(environment.fetch ? { fetch: environment.fetch } : {}) });
  const day = environment.now().toISOString().slice(0, 10);
  const triage = applyDailyCeiling(base, environment.env, spendOn(state.ledger, day).tokens);
  const report = await triagePapers(papers, { ...triage, config: { ...triage.config, prefilterThreshold: Number.NEGATIVE_INFINITY } });
  const proposed = report.verdicts.map((verdict) => {
    if (verdict.decision === "relevant") return { draft: draftEntry(verdict)!, verdict };
    const draft = draftEntry({ ...verdict, decision: "relevant" })!;
    return { draft: { ...draft, flags: [...draft.flags, verdictFlag(verdict, by, how)] }, verdict };
  });
  return { proposed, report };
}
