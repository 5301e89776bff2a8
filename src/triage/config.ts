import { z } from "zod";

// No endpoint here: the config file lives in the catalog's repository, and an endpoint set there
// would receive the operator's API key. Where requests go is the operator's choice (OPENAI_BASE_URL).
export const llmConfigSchema = z
  .object({
    /** Any OpenAI-compatible chat-completions model. */
    model: z.string().min(1).default("gpt-5.4-mini"),
    /** Sent as `reasoning_effort` only when set (reasoning models; other servers may reject it). */
    reasoningEffort: z.enum(["none", "minimal", "low", "medium", "high"]).optional(),
    /** Requests in flight at once. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Candidates sent together in one request (answers are keyed by paper id). */
    batchSize: z.number().int().min(1).max(20).default(4),
    /** Per-run cap on LLM requests; candidates beyond it are reported as not triaged. */
    maxCallsPerRun: z.number().int().min(0).default(50),
    /** Per-run cap on tokens (prompt + completion, as the endpoint reports them). */
    maxTokensPerRun: z.number().int().min(0).default(400_000),
    /** The SDK's retries for 429/5xx/timeouts, each request at most `timeoutMs`. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    timeoutMs: z.number().int().min(1).default(60_000),
    /** USD per million tokens, for the run's cost estimate. */
    pricePerMillionInput: z.number().min(0).default(0.75),
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
