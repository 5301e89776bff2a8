import PQueue from "p-queue";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { describeError } from "../../errors.ts";
import type { Paper } from "../../sources/paper.ts";
import type { LlmConfig } from "../config.ts";
import { checkTags } from "../evidence.ts";
import { findInstructionLikeText, injectionFlag, INJECTION_REASON } from "../injection.ts";
import type { PrefilterResult } from "../prefilter.ts";
import { sanitizeBullet } from "../summary.ts";
import { paperKey, paperText } from "../text.ts";
import type { Verdict } from "../verdict.ts";
import { cacheKey, type AnswerCache } from "./cache.ts";
import type { LlmClient } from "./client.ts";
import { estimateTokens, renderPapersMessage, type PromptTemplate } from "./prompt.ts";
import { parseAnswerItems, validatePaperAnswer, type LlmPaperAnswer } from "./schema.ts";

export interface Candidate {
  paper: Paper;
  prefilter: PrefilterResult;
}

export interface LlmUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  estimatedCostUsd: number;
  cacheHits: number;
}

export interface LlmTriageOptions {
  client: LlmClient;
  registry: HeadRegistry;
  config: LlmConfig;
  cache: AnswerCache;
  prompt: PromptTemplate;
}

interface Pending {
  key: string;
  candidate: Candidate;
  suspicious?: string;
}

export function emptyUsage(): LlmUsage {
  return { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, estimatedCostUsd: 0, cacheHits: 0 };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A verdict from a validated answer: tags and quotes re-checked against the paper's own text. */
export function verdictFromAnswer(
  pending: Pending,
  answer: LlmPaperAnswer,
  options: Pick<LlmTriageOptions, "registry" | "config" | "prompt"> & { model: string; cached: boolean },
): Verdict {
  const { paper, prefilter } = pending.candidate;
  const checked = checkTags(paperText(paper), options.registry, answer.tags, answer.newHeadTypes);
  const flags: string[] = [];
  let decision: Verdict["decision"] = answer.relevant ? "relevant" : "irrelevant";
  let reason: string | undefined;
  let summary: string[] | undefined = answer.summary.map(sanitizeBullet).filter(Boolean);
  if (answer.relevant && answer.confidence < options.config.minConfidence) flags.push(`low confidence (${answer.confidence})`);
  // Tag names are the model's words: plain text only, like the summary.
  if (checked.dropped.length) flags.push(`${checked.dropped.length} tag(s) dropped: ${checked.dropped.map((d) => `${sanitizeBullet(d.name)} (${d.reason})`).join("; ")}`);
  if (checked.newHeadTypes.length) flags.push(`new head type(s) for the registry: ${checked.newHeadTypes.map((t) => sanitizeBullet(t.name)).join(", ")}`);
  if (pending.suspicious) {
    // The paper tried to instruct the model: its own verdict cannot be trusted and none of the
    // model's prose about it goes anywhere; only code-checked quotes (tags) survive.
    flags.push(injectionFlag(pending.suspicious));
    summary = undefined;
    if (decision === "relevant") {
      decision = "needs-manual-triage";
      reason = INJECTION_REASON;
    }
  }
  return {
    key: pending.key,
    paper,
    decision,
    confidence: answer.confidence,
    rationale: pending.suspicious ? undefined : sanitizeBullet(answer.rationale),
    ...(reason ? { reason } : {}),
    tags: checked.tags,
    newHeadTypes: checked.newHeadTypes,
    droppedTags: checked.dropped,
    ...(summary ? { summary } : {}),
    flags,
    prefilter,
    provenance: { stage: "llm", model: options.model, promptVersion: options.prompt.version, cached: options.cached },
  };
}

function unresolved(pending: Pending, decision: "needs-manual-triage" | "not-triaged", reason: string, options: LlmTriageOptions): Verdict {
  return {
    key: pending.key,
    paper: pending.candidate.paper,
    decision,
    reason,
    tags: [],
    newHeadTypes: [],
    droppedTags: [],
    flags: pending.suspicious ? [injectionFlag(pending.suspicious)] : [],
    prefilter: pending.candidate.prefilter,
    provenance: { stage: "llm", model: options.client.model, promptVersion: options.prompt.version },
  };
}

/**
 * Sends candidates to the model in batches keyed by paper id, with a concurrency limit, per-run
 * caps on calls and tokens and a cache. Every candidate comes back with a verdict: decided,
 * needs-manual-triage (with the reason) or not-triaged (cap reached). None is dropped.
 */
export async function triageWithLlm(
  candidates: readonly Candidate[],
  options: LlmTriageOptions,
): Promise<{ verdicts: Verdict[]; usage: LlmUsage }> {
  const { client, config, cache, prompt } = options;
  const usage = emptyUsage();
  const results = new Map<string, Verdict>();
  const pending: Pending[] = [];
  // Distinct paper keys in input order (a Set keeps it): the order verdicts come back in.
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = paperKey(candidate.paper);
    if (seen.has(key)) continue;
    seen.add(key);
    const suspicious = findInstructionLikeText(paperText(candidate.paper));
    const item: Pending = { key, candidate, ...(suspicious ? { suspicious } : {}) };
    const cached = await cache.get(cacheKey(candidate.paper, prompt.version, client.model));
    if (cached) {
      usage.cacheHits++;
      results.set(key, verdictFromAnswer(item, cached, { ...options, model: client.model, cached: true }));
    } else {
      pending.push(item);
    }
  }

  // A paper that addresses the model goes alone, so it cannot sway anyone else's answer.
  const batches = [
    ...chunk(pending.filter((p) => !p.suspicious), config.batchSize),
    ...pending.filter((p) => p.suspicious).map((p) => [p]),
  ];
  const queue = new PQueue({ concurrency: config.concurrency });
  let reservedCalls = 0;
  let reservedTokens = 0;
  const systemTokens = estimateTokens(prompt.system);

  const run = async (batch: Pending[], attempt: number): Promise<void> => {
    const user = renderPapersMessage(batch.map((p) => ({ key: p.key, paper: p.candidate.paper })));
    const estimate = systemTokens + estimateTokens(user) + 250 * batch.length;
    if (reservedCalls + 1 > config.maxCallsPerRun || reservedTokens + estimate > config.maxTokensPerRun) {
      const cap = reservedCalls + 1 > config.maxCallsPerRun ? `${config.maxCallsPerRun} calls` : `${config.maxTokensPerRun} tokens`;
      for (const p of batch) results.set(p.key, unresolved(p, "not-triaged", `per-run LLM cap reached (${cap}); left for the next run`, options));
      return;
    }
    reservedCalls++;
    reservedTokens += estimate;
    let reply;
    try {
      reply = await client.complete(prompt.system, user);
    } catch (error) {
      usage.calls++;
      for (const p of batch) results.set(p.key, unresolved(p, "needs-manual-triage", describeError(error), options));
      return;
    }
    usage.calls++;
    usage.promptTokens += reply.usage.promptTokens;
    usage.completionTokens += reply.usage.completionTokens;
    // Reserve what was really spent, not the estimate.
    reservedTokens += reply.usage.promptTokens + reply.usage.completionTokens - estimate;

    const failed = new Map<string, string>();
    if (reply.kind === "refusal") {
      for (const p of batch) failed.set(p.key, `model refused: ${reply.refusal}`);
    } else {
      const items = parseAnswerItems(reply.content);
      if (!items) {
        const why = reply.truncated ? "answer cut off (length limit)" : "answer is not the expected JSON object";
        for (const p of batch) failed.set(p.key, why);
      } else {
        const byKey = new Map(batch.map((p) => [p.key, p]));
        const answered = new Set<string>();
        for (const item of items) {
          const id = (item as { id?: unknown })?.id;
          const p = typeof id === "string" ? byKey.get(id) : undefined;
          if (!p || answered.has(p.key)) continue; // unknown or repeated ids are never matched by position
          answered.add(p.key);
          const valid = validatePaperAnswer(item);
          if (!valid.ok) {
            failed.set(p.key, valid.reason);
            continue;
          }
          await cache.set(cacheKey(p.candidate.paper, prompt.version, client.model), valid.answer);
          results.set(p.key, verdictFromAnswer(p, valid.answer, { ...options, model: client.model, cached: false }));
        }
        for (const p of batch) if (!answered.has(p.key)) failed.set(p.key, "no answer for this paper id");
      }
    }
    if (failed.size === 0) return;
    const again = batch.filter((p) => failed.has(p.key));
    if (attempt === 1) {
      void queue.add(() => run(again, 2));
      return;
    }
    for (const p of again) results.set(p.key, unresolved(p, "needs-manual-triage", `LLM answer unusable after a retry: ${failed.get(p.key)}`, options));
  };

  for (const batch of batches) void queue.add(() => run(batch, 1));
  await queue.onIdle();

  usage.totalTokens = usage.promptTokens + usage.completionTokens;
  usage.estimatedCostUsd =
    Math.round(((usage.promptTokens * config.pricePerMillionInput + usage.completionTokens * config.pricePerMillionOutput) / 1e6) * 1e6) / 1e6;
  return { verdicts: [...seen].map((key) => results.get(key)!), usage };
}
