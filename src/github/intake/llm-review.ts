import type { Config } from "../../config/schema.ts";
import { triagePapers } from "../../triage/run.ts";
import { setUpTriage } from "../../triage/setup.ts";
import type { AnswerCache } from "../../triage/llm/cache.ts";
import { draftEntry, type EvidencedTag, type Verdict } from "../../triage/verdict.ts";
import { spendOn } from "../ledger/record-spend.ts";
import type { DaySpend, Ledger } from "../ledger/schema.ts";
import type { ProposedPaper } from "../proposal/types.ts";
import { applyDailyCeiling } from "../scan/daily-ceiling.ts";
import { applyOperatorPolicy, readOperatorPolicy } from "../scan/operator-policy.ts";

export interface LlmReviewContext {
  config: Config;
  /** The operator's environment (API key, ceilings, allowed models). */
  env: Record<string, string | undefined>;
  ledger: Ledger;
  now: Date;
  answers?: AnswerCache;
  fetch?: typeof fetch;
}

export interface LlmReview {
  proposed: ProposedPaper;
  /** What the LLM cost, for the ledger's day; absent when nothing was spent. */
  spend?: DaySpend;
}

function mergeTags(mine: readonly EvidencedTag[], theirs: readonly EvidencedTag[]): EvidencedTag[] {
  const names = new Set(mine.map((t) => t.name.toLowerCase()));
  return [...mine, ...theirs.filter((t) => !names.has(t.name.toLowerCase()))];
}

/**
 * A submission read by the LLM too, with the repository's triage setup (within the operator's
 * policy and daily ceiling, past the prefilter): its evidenced tags are added to the submitter's,
 * its verdict and rationale flagged for the reviewer, its summary used only when the submitter
 * gave none. The submission is proposed whatever the LLM says (a reader asked). Undefined when the
 * repository's triage has no LLM (offline, no key) or the LLM could not judge it.
 */
export async function reviewWithLlm(submitted: ProposedPaper, ctx: LlmReviewContext): Promise<LlmReview | undefined> {
  const { config } = applyOperatorPolicy(ctx.config, readOperatorPolicy(ctx.env));
  let base;
  try {
    base = setUpTriage(config.triage, ctx.env, { ...(ctx.answers ? { cache: ctx.answers } : {}), ...(ctx.fetch ? { fetch: ctx.fetch } : {}) });
  } catch {
    return undefined; // triage.mode llm without the operator's key: as offline
  }
  if (!base.llm) return undefined;
  const triage = applyDailyCeiling(base, ctx.env, spendOn(ctx.ledger, ctx.now.toISOString().slice(0, 10)).tokens);
  const report = await triagePapers([submitted.verdict.paper], { ...triage, config: { ...triage.config, prefilterThreshold: Number.NEGATIVE_INFINITY } });
  const { llm } = report;
  const spend = llm.calls > 0 || llm.totalTokens > 0 ? { spend: { calls: llm.calls, tokens: llm.totalTokens, costUsd: llm.estimatedCostUsd } } : {};
  const judged = report.verdicts[0];
  if (!judged || judged.provenance.stage !== "llm" || judged.held) return { proposed: submitted, ...spend };

  const mine = submitted.verdict;
  const confidence = judged.confidence !== undefined ? ` (confidence ${judged.confidence.toFixed(2)})` : "";
  const why = judged.rationale ?? judged.reason;
  const summary = mine.summary?.length ? mine.summary : judged.summary;
  const verdict: Verdict = {
    ...mine,
    ...(judged.confidence !== undefined ? { confidence: judged.confidence } : {}),
    tags: mergeTags(mine.tags, judged.tags),
    newHeadTypes: mergeTags(mine.newHeadTypes, judged.newHeadTypes),
    droppedTags: [...mine.droppedTags.filter((d) => !judged.tags.some((t) => t.name === d.name)), ...judged.droppedTags],
    ...(summary?.length ? { summary } : {}),
    flags: [
      `the LLM judged it ${judged.decision}${confidence}${why ? `: ${why}` : ""}`,
      ...(!mine.summary?.length && judged.summary?.length ? ["summary drafted by the LLM (the submitter gave none)"] : []),
      ...mine.flags.filter((f) => !(judged.summary?.length && /^no summary:/.test(f))),
    ],
    provenance: { stage: "submission", ...(judged.provenance.model ? { model: judged.provenance.model } : {}), ...(judged.provenance.promptVersion ? { promptVersion: judged.provenance.promptVersion } : {}) },
  };
  const draft = draftEntry(verdict)!;
  return { proposed: { verdict, draft: { ...draft, origin: "llm", label: submitted.draft.label } }, ...spend };
}
