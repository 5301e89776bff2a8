import { loadHeadRegistry } from "../catalog/registry.ts";
import type { TriageConfig } from "./config.ts";
import { FileAnswerCache, MemoryAnswerCache } from "./llm/cache.ts";
import { createOpenAiClient } from "./llm/client.ts";
import { loadPrompt } from "./llm/prompt.ts";
import { loadOfflineModel } from "./offline/model.ts";
import { resolveMode, type TriageDeps, type TriageMode } from "./run.ts";

/** Everything triage needs for a mode, built from config and environment (the CLI's and the app's edge). */
export function setUpTriage(
  config: TriageConfig,
  env: Record<string, string | undefined>,
  options: { forceMode?: TriageMode; cachePath?: string; fetch?: typeof fetch } = {},
): TriageDeps {
  const registry = loadHeadRegistry();
  const mode = options.forceMode ?? resolveMode(config, env);
  if (mode === "offline") return { config, registry, mode, offlineModel: loadOfflineModel() };
  return {
    config,
    registry,
    mode,
    llm: {
      client: createOpenAiClient({ config: config.llm, env, ...(options.fetch ? { fetch: options.fetch } : {}) }),
      cache: options.cachePath ? new FileAnswerCache(options.cachePath) : new MemoryAnswerCache(),
      prompt: loadPrompt(registry),
    },
  };
}
