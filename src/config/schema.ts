import { z } from "zod";
import { pullRequestsConfigSchema, scheduleConfigSchema } from "../github/app-config.ts";
import { commandsConfigSchema } from "../github/commands/rate-limit.ts";
import { dashboardConfigSchema } from "../github/dashboard/dashboard-data.ts";
import { intakeConfigSchema } from "../github/intake/config.ts";
import { arxivConfigSchema, openreviewConfigSchema, phraseCombinationSchema, sourcesConfigSchema } from "../sources/config.ts";
import { llmConfigSchema, triageConfigSchema } from "../triage/config.ts";

/**
 * Descriptions for the keys whose own modules explain them in comments only. They are registered as
 * metadata, exactly what `.describe()` does, so the JSON schema and docs/configuration.md explain
 * every key (`npm run schema`); parsing is unchanged. A description a module gives itself wins.
 */
function describeKeys(shape: Record<string, z.ZodType>, descriptions: Record<string, string>): void {
  for (const [key, description] of Object.entries(descriptions)) {
    const schema = shape[key];
    if (!schema) throw new Error(`describeKeys: no key ${key}`);
    if (!z.globalRegistry.get(schema)?.description) z.globalRegistry.add(schema, { description });
  }
}

describeKeys(sourcesConfigSchema.shape, { arxiv: "arXiv's export API: which phrases, combinations and categories are searched." });
describeKeys(arxivConfigSchema.shape, { enabled: "Search arXiv. false: the source is reported unavailable (turned off)." });
describeKeys(phraseCombinationSchema.shape, {
  anyOf: "A paper matches when its title or abstract has one of these phrases…",
  withAnyOf: "…and one of these.",
});
describeKeys(openreviewConfigSchema.shape, { enabled: "Search OpenReview (it also needs the operator's login). false: the source is reported unavailable (turned off)." });
describeKeys(triageConfigSchema.shape, {
  mode: "auto: the LLM when OPENAI_API_KEY is set in the environment, else the offline classifier; llm: the LLM (an error without OPENAI_API_KEY); offline: the offline classifier, never the LLM (no cost, no network).",
  llm: "The LLM stage (any OpenAI-compatible chat-completions server; where requests go is the operator's OPENAI_BASE_URL, never this file).",
  prefilterThreshold: "Prefilter score a paper needs to reach the classifier (LLM or offline); lower passes more papers, and costs more LLM calls.",
  offlineThreshold: "Offline classifier probability from which a paper is called relevant. Default: the shipped model's own threshold (0.6); higher trades recall for precision.",
});
describeKeys(llmConfigSchema.shape, {
  model: "Any OpenAI-compatible chat-completions model. An operator's HEADSCOUT_LLM_MODELS allowlist replaces a model it does not list with its first.",
  reasoningEffort: "Sent as reasoning_effort only when set (reasoning models; other servers may reject it).",
  concurrency: "Requests in flight at once (one paper per request).",
  batchSize: "No longer used: each paper is judged in a request of its own. Accepted so older configs still validate (with a note).",
  maxCallsPerRun: "Per-run cap on HTTP attempts to the LLM, retries included; papers beyond it are not-triaged and wait for the next run. The operator's HEADSCOUT_MAX_LLM_CALLS_PER_RUN caps it (a higher value here is lowered, with a note).",
  maxTokensPerRun: "Per-run cap on LLM tokens (input + output, as reported; estimated where not). The operator's HEADSCOUT_MAX_LLM_TOKENS_PER_RUN caps it, and in the app and the Action what is left of HEADSCOUT_MAX_LLM_TOKENS_PER_DAY.",
  maxOutputTokens: "Output ceiling per request, reasoning tokens included; a cut-off answer is asked again once with twice as much.",
  outputTokenParameter: "How the output ceiling is sent: max_completion_tokens (OpenAI, most servers) or max_tokens (servers that only know it).",
  maxRetries: "Retries of 429/5xx/timeouts/connection failures per request (each attempt counts as a call).",
  timeoutMs: "Each attempt at most this long, in milliseconds.",
  pricePerMillionInput: "USD per million input tokens, for the run's cost estimate (an operator's HEADSCOUT_LLM_MODELS sets the prices instead).",
  pricePerMillionCachedInput: "USD per million input tokens the provider's prompt cache served, for the cost estimate.",
  pricePerMillionOutput: "USD per million output tokens, for the cost estimate.",
  minConfidence: "A relevant verdict below this confidence is flagged \"low confidence\" for the reviewer.",
});

/**
 * `.github/headscout.yml`: every key optional, so an empty file (or none) means the defaults.
 * Each domain owns its section's schema; `npm run schema` writes the JSON schema from this one.
 */
export const configSchema = z
  .object({
    catalog: z
      .object({
        path: z.string().min(1).default("README.md").describe("The catalog file in the repository."),
      })
      .strict()
      .default({ path: "README.md" })
      .describe("The catalog headscout keeps up to date."),
    sources: sourcesConfigSchema.default(sourcesConfigSchema.parse({})).describe("Where papers are searched: arXiv and OpenReview (docs/sources.md)."),
    triage: triageConfigSchema
      .default(triageConfigSchema.parse({}))
      .describe("Which papers belong: the prefilter, then the LLM or the offline classifier; drafts, caps and prices (docs/triage.md)."),
    pullRequests: pullRequestsConfigSchema.default(pullRequestsConfigSchema.parse({})).describe("The pull requests the app and the Action open (docs/app.md)."),
    schedule: scheduleConfigSchema
      .default(scheduleConfigSchema.parse({}))
      .describe("When the app scans (the Action runs on its workflow's schedule instead), and how far back each scan searches (also for the Action and scan --ledger)."),
    commands: commandsConfigSchema.default(commandsConfigSchema.parse({})).describe("Comment commands (@headscout …) in the app."),
    dashboard: dashboardConfigSchema.default(dashboardConfigSchema.parse({})).describe("The \"headscout dashboard\" issue."),
    intake: intakeConfigSchema.default(intakeConfigSchema.parse({})).describe("Issues opened with the catalog's \"Add new paper\" form (the app)."),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
