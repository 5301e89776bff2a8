import { z } from "zod";

// No endpoint here: the config file lives in the catalog's repository, and an endpoint set there
// would receive the operator's API key. Where requests go is the operator's choice (OPENAI_BASE_URL).
export const llmConfigSchema = z
  .object({
    /** Any OpenAI-compatible chat-completions model. */
    model: z.string().min(1).default("gpt-5.4-mini"),
    /** Sent as `reasoning_effort` only when set (reasoning models; other servers may reject it). */
    reasoningEffort: z.enum(["none", "minimal", "low", "medium", "high"]).optional(),
    /** Requests in flight at once (one paper per request). */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** No longer used: each paper is judged in a request of its own. Accepted so older configs still validate. */
    batchSize: z.number().int().min(1).max(20).optional(),
    /**
     * Per-run cap on HTTP attempts to the LLM, retries included; papers beyond it are left for the
     * next run. The operator's HEADSCOUT_MAX_LLM_CALLS_PER_RUN caps it.
     */
    maxCallsPerRun: z.number().int().min(0).default(200),
    /** Per-run cap on tokens (input + output, as reported; estimated where not). HEADSCOUT_MAX_LLM_TOKENS_PER_RUN caps it. */
    maxTokensPerRun: z.number().int().min(0).default(1_000_000),
    /** Output ceiling per request, reasoning tokens included; a cut-off answer is asked again once with twice as much. */
    maxOutputTokens: z.number().int().min(64).default(2_000),
    /** How the output ceiling is sent: `max_completion_tokens` (OpenAI, most servers) or `max_tokens` (servers that only know it). */
    outputTokenParameter: z.enum(["max_completion_tokens", "max_tokens"]).default("max_completion_tokens"),
    /** Retries of 429/5xx/timeouts/connection failures per request (each attempt counts as a call). */
    maxRetries: z.number().int().min(0).max(5).default(2),
    /** Each attempt at most this long. */
    timeoutMs: z.number().int().min(1).default(60_000),
    /** USD per million tokens, for the run's cost estimate; cached input is what the provider's prompt cache served. */
    pricePerMillionInput: z.number().min(0).default(0.75),
    pricePerMillionCachedInput: z.number().min(0).default(0.075),
    pricePerMillionOutput: z.number().min(0).default(4.5),
    /** Below this confidence a "relevant" verdict is flagged for a maintainer's look. */
    minConfidence: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type LlmConfig = z.infer<typeof llmConfigSchema>;

/**
 * The `triage:` section of .github/headscout.yml. Every key has a default, so an empty section
 * means: offline mode unless OPENAI_API_KEY is set, then a small OpenAI model.
 */
export const triageConfigSchema = z
  .object({
    /** `auto`: the LLM when an API key is present, else the offline classifier. */
    mode: z.enum(["auto", "llm", "offline"]).default("auto"),
    llm: llmConfigSchema.default(llmConfigSchema.parse({})),
    /** Prefilter score a paper needs to reach the classifier (lower passes more). */
    prefilterThreshold: z.number().default(1),
    /** Offline classifier probability above which a paper is called relevant. */
    offlineThreshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type TriageConfig = z.infer<typeof triageConfigSchema>;

export const defaultTriageConfig: TriageConfig = triageConfigSchema.parse({});
