import OpenAI from "openai";
import { z } from "zod";
import { HeadscoutError, quoteExcerpt } from "../../errors.ts";
import { describeFetchFailure } from "../../http/describe-fetch-failure.ts";
import { readBodyCapped } from "../../http/read-body-capped.ts";
import type { LlmConfig } from "../config.ts";
import { answerJsonSchema } from "./schema.ts";

/** Token counts as the server reported them. */
export interface TokenUsage {
  promptTokens: number;
  /** Of the prompt tokens, those served from the provider's prompt cache (`prompt_tokens_details.cached_tokens`). */
  cachedPromptTokens: number;
  completionTokens: number;
}

/** One answer; `usage` is undefined when the server reported none (the caller counts its estimate). */
export type LlmReply =
  | { kind: "answer"; content: string; truncated: boolean; usage?: TokenUsage }
  | { kind: "refusal"; refusal: string; usage?: TokenUsage };

export interface LlmRequest {
  system: string;
  user: string;
  /** The output ceiling sent with the request (reasoning tokens count against it). */
  maxOutputTokens: number;
}

/** The one thing triage asks of a model: one HTTP attempt at a structured answer. Retries are the caller's. */
export interface LlmClient {
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmReply>;
}

export type LlmFailureKind = "auth" | "not-found" | "bad-request" | "rate-limited" | "server" | "timeout" | "connection" | "bad-response";

/**
 * A request that got no usable answer, with a reason a person can act on. Never names the
 * endpoint, the key or a token: these messages end up in public comments.
 */
export class LlmRequestError extends HeadscoutError {
  override name = "LlmRequestError";
  constructor(
    message: string,
    readonly kind: LlmFailureKind,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OpenAiClientOptions {
  config: LlmConfig;
  env: Record<string, string | undefined>;
  /** Tests inject a fetch; the app may inject a proxy-aware one. */
  fetch?: typeof fetch;
}

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_MAX_LLM_RESPONSE_BYTES = 2 * 1024 * 1024;

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, "the answer has no choices"),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0),
      completion_tokens: z.number().int().min(0),
      prompt_tokens_details: z.object({ cached_tokens: z.number().int().min(0).nullish() }).nullish(),
    })
    .nullish(),
});

function readMaxLlmResponseBytes(env: Record<string, string | undefined>): number {
  const value = env.HEADSCOUT_MAX_LLM_RESPONSE_BYTES?.trim();
  if (!value) return DEFAULT_MAX_LLM_RESPONSE_BYTES;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new HeadscoutError(`HEADSCOUT_MAX_LLM_RESPONSE_BYTES=${value} is not a whole number of bytes`);
  return Number(value);
}

/** A fetch whose response bodies are read with a size cap, so a runaway answer cannot exhaust memory. */
function cappedFetch(inner: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const text = await readBodyCapped(response, maxBytes, "the LLM service's answer");
    // The body is decoded text now: the original length and encoding no longer describe it.
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  };
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && headers?.has("retry-after-ms")) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

// What a server said, without anything that looks like a key, a token or an address.
function redact(message: string): string {
  return quoteExcerpt(message.replace(/\b(?:sk|pk|rk|key|token)[-_][\w*.-]{4,}/gi, "[redacted]").replace(/\bhttps?:\/\/\S+/gi, "[url]"));
}

function describeApiError(error: InstanceType<typeof OpenAI.APIError>, model: string): LlmRequestError {
  const status = error.status ?? 0;
  const said = typeof (error.error as { message?: unknown })?.message === "string" ? `: ${redact((error.error as { message: string }).message)}` : "";
  const fail = (text: string, kind: LlmFailureKind, retryable: boolean) =>
    new LlmRequestError(`the LLM service ${text} (HTTP ${status})${said}`, kind, retryable, retryAfterMs(error.headers), { cause: error });
  if (status === 401) return fail("rejected the API key: check OPENAI_API_KEY", "auth", false);
  if (status === 403) return fail("refused access with this API key (permissions or region)", "auth", false);
  if (status === 404) return fail(`does not know the model '${model}' or the endpoint: check triage.llm.model and OPENAI_BASE_URL`, "not-found", false);
  if (status === 429) return fail("is rate-limiting requests or the account is out of quota", "rate-limited", true);
  if (status === 408 || status === 409) return fail("asked for the request again", "server", true);
  if (status >= 500) return fail("had a server error", "server", true);
  return fail("rejected the request (if it names max_completion_tokens, set triage.llm.outputTokenParameter: max_tokens)", "bad-request", false);
}

/**
 * Any OpenAI-compatible chat-completions endpoint (OPENAI_BASE_URL, from the operator's
 * environment). One HTTP attempt per call (the SDK's own retries are off, so that every attempt
 * is counted against the run's caps by the caller), each at most `timeoutMs`.
 */
export function createOpenAiClient({ config, env, fetch: customFetch }: OpenAiClientOptions): LlmClient {
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new HeadscoutError("LLM mode needs OPENAI_API_KEY (or use the offline mode)");
  const client = new OpenAI({
    apiKey,
    baseURL: env.OPENAI_BASE_URL || DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: config.timeoutMs,
    fetch: cappedFetch(customFetch ?? globalThis.fetch, readMaxLlmResponseBytes(env)),
  });
  const schema = answerJsonSchema();
  return {
    model: config.model,
    async complete({ system, user, maxOutputTokens }) {
      let raw: unknown;
      try {
        raw = await client.chat.completions.create({
          model: config.model,
          // No temperature: reasoning models reject any but the default.
          ...(config.reasoningEffort ? { reasoning_effort: config.reasoningEffort } : {}),
          [config.outputTokenParameter]: maxOutputTokens,
          messages: [
            { role: "system", content: system },
            { role: "user", content: user },
          ],
          response_format: { type: "json_schema", json_schema: { name: "triage_verdict", strict: true, schema } },
        });
      } catch (error) {
        throw describeClientError(error, config);
      }
      return readCompletion(raw);
    },
  };
}

function describeClientError(error: unknown, config: LlmConfig): LlmRequestError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new LlmRequestError(`the LLM service gave no answer within ${config.timeoutMs / 1000} s`, "timeout", true, undefined, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const tooLarge = error.cause instanceof HeadscoutError ? error.cause.message : undefined;
    if (tooLarge) return new LlmRequestError(tooLarge, "bad-response", false, undefined, { cause: error });
    return new LlmRequestError(`cannot reach the LLM service: ${describeFetchFailure(error.cause ?? error)}`, "connection", true, undefined, { cause: error });
  }
  if (error instanceof OpenAI.APIError) return describeApiError(error, config.model);
  if (error instanceof HeadscoutError) return new LlmRequestError(error.message, "bad-response", false, undefined, { cause: error });
  return new LlmRequestError(`the LLM request failed: ${redact(error instanceof Error ? error.message : String(error))}`, "connection", true, undefined, { cause: error });
}

/** The answer in a completion, or an error saying what the server sent instead. */
export function readCompletion(raw: unknown): LlmReply {
  if (typeof raw === "string") {
    const what = /^\s*</.test(raw) ? "an HTML page" : "text";
    throw new LlmRequestError(`the LLM service answered with ${what}, not a chat completion: is OPENAI_BASE_URL an OpenAI-compatible API?`, "bad-response", false);
  }
  const parsed = completionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LlmRequestError(`the LLM service's answer is not a chat completion (${issue.path.join(".") || "body"}: ${issue.message})`, "bad-response", false);
  }
  const { choices, usage: reported } = parsed.data;
  const usage = reported
    ? { promptTokens: reported.prompt_tokens, completionTokens: reported.completion_tokens, cachedPromptTokens: reported.prompt_tokens_details?.cached_tokens ?? 0 }
    : undefined;
  const choice = choices[0]!;
  if (choice.message.refusal) return { kind: "refusal", refusal: redact(choice.message.refusal), ...(usage ? { usage } : {}) };
  return { kind: "answer", content: choice.message.content ?? "", truncated: choice.finish_reason === "length", ...(usage ? { usage } : {}) };
}
