import { resolve } from "node:path";
import { loadConfigFile } from "../config/load.ts";
import { FileAnswerCache } from "../triage/llm/cache.ts";
import type { TriageDeps } from "../triage/run.ts";
import { setUpTriage } from "../triage/setup.ts";

/** Triage from the CLI's flags: `--config FILE`, `--model NAME`, `--offline`, `--cache FILE`, paths relative to `cwd`. */
export async function setUpTriageFromFlags(
  flags: { config?: string | undefined; model?: string | undefined; offline?: boolean | undefined; cache?: string | undefined },
  io: { cwd: string; env: Record<string, string | undefined> },
  fetchOverride?: typeof fetch,
): Promise<TriageDeps> {
  const config = (await loadConfigFile(flags.config ? resolve(io.cwd, flags.config) : undefined)).triage;
  if (flags.model) config.llm = { ...config.llm, model: flags.model };
  return setUpTriage(config, io.env, {
    ...(flags.offline ? { forceMode: "offline" as const } : {}),
    ...(flags.cache ? { cache: new FileAnswerCache(resolve(io.cwd, flags.cache)) } : {}),
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
  });
}
