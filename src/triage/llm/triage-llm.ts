import PQueue from "p-queue";
import type { HeadRegistry } from "../../catalog/registry.ts";
import type { Paper } from "../../sources/paper.ts";
import type { LlmConfig } from "../config.ts";
import { findInstructionLikeText } from "../guard/instructions.ts";
import type { PrefilterResult } from "../prefilter.ts";
import { paperKey, paperText } from "../text.ts";
import type { Verdict } from "../verdict.ts";
import { LlmBudget, type LlmLimits } from "./budget.ts";
import { cacheKey, type AnswerCache } from "./cache.ts";
import { DEFAULT_RETRY, type AttemptCost } from "./call-model.ts";
import type { LlmClient } from "./client.ts";
import { judgePaper } from "./judge-paper.ts";
import type { PromptTemplate } from "./prompt.ts";
import { verdictFromAnswer, type JudgedPaper } from "./verdict-from-answer.ts";

export interface Candidate {
  paper: Paper;
  prefilter: PrefilterResult;
}

export interface LlmUsage {
  /** HTTP attempts, retries included. */
  calls: number;
  promptTokens: number;
  /** Of the prompt tokens, those the provider served from its prompt cache. */
  cachedPromptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Answers without `usage`: their tokens above are our estimates. */
  estimatedAnswers: number;
  estimatedCostUsd: number;
  /** Papers answered from the answer cache: no request, no tokens. */
  cacheHits: number;
  /** The caps in force, after the operator's ceilings. */
  limits?: LlmLimits;
}

export interface LlmTriageOptions {
  client: LlmClient;
  registry: HeadRegistry;
  config: LlmConfig;
  cache: AnswerCache;
  prompt: PromptTemplate;
  /** The run's caps (config clamped to the operator's ceilings); the config's own when absent. */
  limits?: LlmLimits;
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told as each paper's verdict is in (a progress display's "N of M judged"). */
  onJudged?: () => void;
}

export function emptyUsage(): LlmUsage {
  return { calls: 0, promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0, totalTokens: 0, estimatedAnswers: 0, estimatedCostUsd: 0, cacheHits: 0 };
}

function addCosts(usage: LlmUsage, costs: readonly AttemptCost[], config: LlmConfig): void {
  for (const { usage: u, estimated } of costs) {
    usage.calls++;
    usage.promptTokens += u.promptTokens;
    usage.cachedPromptTokens += u.cachedPromptTokens;
    usage.completionTokens += u.completionTokens;
    if (estimated && u.completionTokens > 0) usage.estimatedAnswers++;
  }
  usage.totalTokens = usage.promptTokens + usage.completionTokens;
  const uncached = usage.promptTokens - usage.cachedPromptTokens;
  const micro = uncached * config.pricePerMillionInput + usage.cachedPromptTokens * config.pricePerMillionCachedInput + usage.completionTokens * config.pricePerMillionOutput;
  usage.estimatedCostUsd = Math.round(micro) / 1e6;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Judges each candidate in a request of its own, a few at a time, within the run's hard caps on
 * calls and tokens, answering from the cache where it can. Every candidate comes back with a
 * verdict: decided, needs-manual-triage (with the reason and the kind of hold) or not-triaged (a
 * cap stopped the run before it). None is dropped, and no promise is left unawaited.
 */
export async function triageWithLlm(candidates: readonly Candidate[], options: LlmTriageOptions): Promise<{ verdicts: Verdict[]; usage: LlmUsage }> {
  const { client, config, cache, prompt, registry } = options;
  const limits = options.limits ?? { maxCalls: config.maxCallsPerRun, maxTokens: config.maxTokensPerRun };
  const usage: LlmUsage = { ...emptyUsage(), limits };
  const budget = new LlmBudget(limits);
  const context = {
    client,
    registry,
    config,
    cache,
    prompt,
    budget,
    retry: { ...DEFAULT_RETRY, attempts: config.maxRetries + 1 },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  };
  const queue = new PQueue({ concurrency: config.concurrency });
  const seen = new Set<string>();
  const jobs: Promise<Verdict>[] = [];
  for (const { paper, prefilter } of candidates) {
    const key = paperKey(paper);
    if (seen.has(key)) continue;
    seen.add(key);
    const instructions = findInstructionLikeText(paperText(paper));
    const judged: JudgedPaper = { key, paper, prefilter, ...(instructions ? { instructions } : {}) };
    const cached = await cache.get(cacheKey(paper, prompt.version, client.model));
    if (cached) {
      usage.cacheHits++;
      jobs.push(Promise.resolve(verdictFromAnswer(judged, cached, { registry, minConfidence: config.minConfidence, model: client.model, promptVersion: prompt.version, cached: true })));
      continue;
    }
    jobs.push(
      queue.add(async () => {
        const { verdict, costs } = await judgePaper(judged, context);
        addCosts(usage, costs, config);
        return verdict;
      }) as Promise<Verdict>,
    );
  }
  const verdicts = await Promise.all(options.onJudged ? jobs.map((job) => job.then((v) => (options.onJudged!(), v))) : jobs);
  return { verdicts, usage };
}
