import { loadHeadRegistry } from "../catalog/registry.ts";
import type { Config } from "../config/schema.ts";
import type { SearchWindow } from "../sources/arxiv/build-query.ts";
import { fetchAllSources, type FetchSourcesOptions } from "../sources/fetch-all.ts";
import type { Paper } from "../sources/paper.ts";
import { readSourceSettings } from "../sources/settings.ts";
import type { AnswerCache } from "../triage/llm/cache.ts";
import { triagePapers, type TriageMode } from "../triage/run.ts";
import { setUpTriage } from "../triage/setup.ts";
import type { ProgressSink } from "./progress-events.ts";
import type { ScanDeps } from "./run-scan.ts";

/** Where a scan's papers come from: the sources over a window, or papers read earlier. */
export type PaperSupply = { kind: "window"; window: SearchWindow } | { kind: "papers"; papers: () => Promise<Paper[]> };

export interface ScanSetup {
  config: Config;
  /** The operator's environment: API keys, endpoints, ceilings. Never the repository's. */
  env: Record<string, string | undefined>;
  supply: PaperSupply;
  forceMode?: TriageMode;
  cache?: AnswerCache;
  /** Test seams and the app's shared clients: HTTP for the sources and the LLM, the clock, jitter. */
  http?: Pick<FetchSourcesOptions, "fetch" | "clock" | "random">;
  /** Told how the scan goes, stage by stage, request by request (the CLI's progress display). */
  onProgress?: ProgressSink;
}

/**
 * The wiring of one scan from config and environment, the same for the CLI, the app and the
 * Action: which sources, which triage (LLM, offline), which caps.
 */
export function setUpScan(setup: ScanSetup): ScanDeps {
  const registry = loadHeadRegistry();
  const triage = setUpTriage(setup.config.triage, setup.env, {
    ...(setup.forceMode ? { forceMode: setup.forceMode } : {}),
    ...(setup.cache ? { cache: setup.cache } : {}),
    ...(setup.http?.fetch ? { fetch: setup.http.fetch } : {}),
  });
  const { supply, onProgress } = setup;
  return {
    registry,
    ...(onProgress ? { onProgress } : {}),
    findPapers:
      supply.kind === "papers"
        ? async () => ({ papers: await supply.papers() })
        : () =>
            fetchAllSources({
              config: setup.config.sources,
              window: supply.window,
              settings: readSourceSettings(setup.env),
              registry,
              ...setup.http,
              ...(onProgress ? { onProgress } : {}),
            }),
    triage: (candidates) => triagePapers(candidates, triage, onProgress),
  };
}
