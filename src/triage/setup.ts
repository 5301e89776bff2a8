import { resolve } from "node:path";
import { loadHeadRegistry } from "../catalog/registry.ts";
import { loadConfigFile } from "../config/load.ts";
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

/** The CLI's way in: `--config FILE`, `--model NAME`, `--offline`, `--cache FILE`, paths relative to `cwd`. */
export async function setUpTriageFromFlags(
  flags: { config?: string; model?: string; offline?: boolean; cache?: string },
  io: { cwd: string; env: Record<string, string | undefined> },
  fetchOverride?: typeof fetch,
): Promise<TriageDeps> {
  const config = (await loadConfigFile(flags.config ? resolve(io.cwd, flags.config) : undefined)).triage;
  if (flags.model) config.llm = { ...config.llm, model: flags.model };
  return setUpTriage(config, io.env, {
    ...(flags.offline ? { forceMode: "offline" as const } : {}),
    ...(flags.cache ? { cachePath: resolve(io.cwd, flags.cache) } : {}),
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
  });
}
