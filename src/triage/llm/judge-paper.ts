import type { HeadRegistry } from "../../catalog/registry.ts";
import type { LlmConfig } from "../config.ts";
import type { Verdict } from "../verdict.ts";
import type { AnswerCache } from "./cache.ts";
import { cacheKey } from "./cache.ts";
import { callModel, type AttemptCost, type CallDeps } from "./call-model.ts";
import { renderPaperMessage, type PromptTemplate } from "./prompt.ts";
import { parseAnswer } from "./schema.ts";
import { verdictFromAnswer, type JudgedPaper } from "./verdict-from-answer.ts";

export interface JudgeContext extends CallDeps {
  registry: HeadRegistry;
  config: LlmConfig;
  cache: AnswerCache;
  prompt: PromptTemplate;
}

function held(judged: JudgedPaper, decision: "needs-manual-triage" | "not-triaged", reason: string, ctx: JudgeContext, hold?: Verdict["held"]): Verdict {
  return {
    key: judged.key,
    paper: judged.paper,
    decision,
    reason,
    ...(hold ? { held: hold } : {}),
    tags: [],
    newHeadTypes: [],
    droppedTags: [],
    flags: [],
    prefilter: judged.prefilter,
    provenance: { stage: "llm", model: ctx.client.model, promptVersion: ctx.prompt.version },
  };
}

/**
 * Judges one paper in a request of its own (so no other paper's text can sway it): asks, retries
 * an unusable answer once (a cut-off one with twice the output ceiling), caches a usable one.
 * Always returns a verdict; the attempt costs go to the run's usage.
 */
export async function judgePaper(judged: JudgedPaper, ctx: JudgeContext): Promise<{ verdict: Verdict; costs: AttemptCost[] }> {
  const costs: AttemptCost[] = [];
  let maxOutputTokens = ctx.config.maxOutputTokens;
  let problem = "";
  for (let round = 1; round <= 2; round++) {
    const outcome = await callModel({ system: ctx.prompt.system, user: renderPaperMessage(judged.paper), maxOutputTokens }, ctx);
    costs.push(...outcome.costs);
    if (outcome.kind === "capped") return { verdict: held(judged, "not-triaged", `${outcome.reason}; left for the next run`, ctx), costs };
    if (outcome.kind === "failed") {
      const tries = outcome.attempts > 1 ? ` (${outcome.attempts} attempts)` : "";
      return { verdict: held(judged, "needs-manual-triage", `${outcome.error.message}${tries}`, ctx, "llm-failed"), costs };
    }
    const { reply } = outcome;
    if (reply.kind === "refusal") return { verdict: held(judged, "needs-manual-triage", `the model refused: ${reply.refusal}`, ctx, "refused"), costs };
    if (reply.truncated) {
      problem = `answer cut off at the output ceiling (${maxOutputTokens} tokens)`;
      maxOutputTokens *= 2;
      continue;
    }
    const parsed = parseAnswer(reply.content);
    if (!parsed.ok) {
      problem = parsed.reason;
      continue;
    }
    await ctx.cache.set(cacheKey(judged.paper, ctx.prompt.version, ctx.client.model), parsed.answer);
    const verdict = verdictFromAnswer(judged, parsed.answer, {
      registry: ctx.registry,
      minConfidence: ctx.config.minConfidence,
      model: ctx.client.model,
      promptVersion: ctx.prompt.version,
      cached: false,
    });
    return { verdict, costs };
  }
  return { verdict: held(judged, "needs-manual-triage", `the LLM's answer was unusable twice: ${problem}`, ctx, "answer-unusable"), costs };
}
