import type { HeadRegistry } from "../catalog/registry.ts";
import { HeadscoutError } from "../errors.ts";
import type { TriageEvent } from "../scan/progress-events.ts";
import type { Paper } from "../sources/paper.ts";
import type { TriageConfig } from "./config.ts";
import type { LlmLimits } from "./llm/budget.ts";
import type { AnswerCache } from "./llm/cache.ts";
import type { LlmClient } from "./llm/client.ts";
import type { PromptTemplate } from "./llm/prompt.ts";
import { emptyUsage, triageWithLlm, type Candidate, type LlmUsage } from "./llm/triage-llm.ts";
import type { OfflineModel } from "./offline/model.ts";
import { triageOffline } from "./offline/triage-offline.ts";
import { createPrefilter } from "./prefilter.ts";
import { paperKey } from "./text.ts";
import { OUTAGE_HOLDS, type Verdict } from "./verdict.ts";

export type TriageMode = "llm" | "offline";

/** `auto` means the LLM when OPENAI_API_KEY is set, else the offline classifier. */
export function resolveMode(config: Pick<TriageConfig, "mode">, env: Record<string, string | undefined>): TriageMode {
  if (config.mode === "llm" && !env.OPENAI_API_KEY) {
    throw new HeadscoutError("triage.mode is 'llm' but OPENAI_API_KEY is not set");
  }
  if (config.mode === "auto") return env.OPENAI_API_KEY ? "llm" : "offline";
  return config.mode;
}

export interface TriageDeps {
  config: TriageConfig;
  registry: HeadRegistry;
  mode: TriageMode;
  /** Needed in LLM mode. `limits`: the per-run caps after the operator's ceilings. */
  llm?: { client: LlmClient; cache: AnswerCache; prompt: PromptTemplate; limits?: LlmLimits; sleep?: (ms: number) => Promise<void> };
  /** Things the operator should know about the set-up (a cap clamped, a key ignored). */
  notes?: string[];
  /** Needed in offline mode. */
  offlineModel?: OfflineModel;
}

export interface TriageCounts {
  papers: number;
  passedPrefilter: number;
  relevant: number;
  irrelevant: number;
  needsManualTriage: number;
  notTriaged: number;
  /** Papers the LLM could not judge (service failed after retries, answers unusable): an outage. */
  llmFailures: number;
}

export interface TriageReport {
  mode: TriageMode;
  verdicts: Verdict[];
  counts: TriageCounts;
  llm: LlmUsage;
  notes: string[];
}

function countVerdicts(verdicts: readonly Verdict[], passed: number): TriageCounts {
  const count = (d: Verdict["decision"]) => verdicts.filter((v) => v.decision === d).length;
  return {
    papers: verdicts.length,
    passedPrefilter: passed,
    relevant: count("relevant"),
    irrelevant: count("irrelevant"),
    needsManualTriage: count("needs-manual-triage"),
    notTriaged: count("not-triaged"),
    llmFailures: verdicts.filter((v) => v.held && OUTAGE_HOLDS.includes(v.held)).length,
  };
}

/**
 * Prefilter, then the LLM or the offline classifier for what passed. One verdict per distinct paper,
 * in input order. `onProgress` (a progress display's) is told how many papers go to judging, of
 * each paper the classifier judges and each LLM call, and the outcome.
 */
export async function triagePapers(papers: readonly Paper[], deps: TriageDeps, onProgress?: (event: TriageEvent) => void): Promise<TriageReport> {
  const prefilter = createPrefilter(deps.registry, deps.config.prefilterThreshold);
  const seen = new Set<string>();
  const rejected = new Map<string, Verdict>();
  const candidates: Candidate[] = [];
  const order: string[] = [];
  for (const paper of papers) {
    const key = paperKey(paper);
    if (seen.has(key)) continue;
    seen.add(key);
    order.push(key);
    const result = prefilter(paper);
    if (result.passed) {
      candidates.push({ paper, prefilter: result });
    } else {
      rejected.set(key, {
        key,
        paper,
        decision: "irrelevant",
        rationale: `prefilter score ${result.score} below ${deps.config.prefilterThreshold}`,
        tags: [],
        newHeadTypes: [],
        droppedTags: [],
        flags: [],
        prefilter: result,
        provenance: { stage: "prefilter" },
      });
    }
  }

  onProgress?.({ kind: "triage-started", mode: deps.mode, papers: order.length, toJudge: candidates.length });
  let decided: Verdict[];
  let usage = emptyUsage();
  if (deps.mode === "llm") {
    if (!deps.llm) throw new Error("triagePapers: LLM mode without an LLM client");
    const client = onProgress ? reportingCalls(deps.llm.client, onProgress) : deps.llm.client;
    let judged = 0;
    const onJudged = onProgress ? () => onProgress({ kind: "paper-judged", judged: ++judged, of: candidates.length }) : undefined;
    ({ verdicts: decided, usage } = await triageWithLlm(candidates, { ...deps.llm, client, registry: deps.registry, config: deps.config.llm, ...(onJudged ? { onJudged } : {}) }));
  } else {
    if (!deps.offlineModel) throw new Error("triagePapers: offline mode without a model");
    const model = deps.offlineModel;
    decided = candidates.map((c, i) => {
      const verdict = triageOffline(c.paper, c.prefilter, model, deps.registry, deps.config.offlineThreshold ?? model.threshold);
      onProgress?.({ kind: "paper-judged", judged: i + 1, of: candidates.length });
      return verdict;
    });
  }
  const byKey = new Map([...rejected, ...decided.map((v) => [v.key, v] as const)]);
  const verdicts = order.map((key) => byKey.get(key)!);
  const counts = countVerdicts(verdicts, candidates.length);
  onProgress?.({ kind: "triage-finished", relevant: counts.relevant, held: counts.needsManualTriage + counts.notTriaged, llmCalls: usage.calls });
  return { mode: deps.mode, verdicts, counts, llm: usage, notes: deps.notes ?? [] };
}

/** The same client, telling `onProgress` as each call starts and ends. */
function reportingCalls(client: LlmClient, onProgress: (event: TriageEvent) => void): LlmClient {
  return {
    model: client.model,
    complete: async (request) => {
      onProgress({ kind: "llm-call", phase: "started" });
      try {
        return await client.complete(request);
      } finally {
        onProgress({ kind: "llm-call", phase: "finished" });
      }
    },
  };
}
