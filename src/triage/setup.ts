import { loadHeadRegistry } from "../catalog/registry.ts";
import type { TriageConfig } from "./config.ts";
import { MemoryAnswerCache, type AnswerCache } from "./llm/cache.ts";
import { createOpenAiClient } from "./llm/client.ts";
import { resolveLlmLimits } from "./llm/limits.ts";
import { loadPrompt } from "./llm/prompt.ts";
import { loadOfflineModel } from "./offline/model.ts";
import { resolveMode, type TriageDeps, type TriageMode } from "./run.ts";

export interface TriageSetupOptions {
  forceMode?: TriageMode;
  /** Where validated answers are kept (the CLI's --cache file, the app's ledger); in memory otherwise. */
  cache?: AnswerCache;
  fetch?: typeof fetch;
}

/** Everything triage needs for a mode, built from config and the operator's environment (the CLI's, the app's, the Action's edge). */
export function setUpTriage(config: TriageConfig, env: Record<string, string | undefined>, options: TriageSetupOptions = {}): TriageDeps {
  const registry = loadHeadRegistry();
  const mode = options.forceMode ?? resolveMode(config, env);
  const notes = config.llm.batchSize !== undefined ? ["triage.llm.batchSize is no longer used: each paper is judged in a request of its own"] : [];
  if (mode === "offline") return { config, registry, mode, offlineModel: loadOfflineModel(), notes };
  const { limits, notes: limitNotes } = resolveLlmLimits(config.llm, env);
  return {
    config,
    registry,
    mode,
    notes: [...notes, ...limitNotes],
    llm: {
      client: createOpenAiClient({ config: config.llm, env, ...(options.fetch ? { fetch: options.fetch } : {}) }),
      cache: options.cache ?? new MemoryAnswerCache(),
      prompt: loadPrompt(registry),
      limits,
    },
  };
}
