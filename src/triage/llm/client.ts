import OpenAI from "openai";
import { HeadscoutError } from "../../errors.ts";
import type { LlmConfig } from "../config.ts";
import { answerJsonSchema } from "./schema.ts";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export type LlmReply =
  | { kind: "answer"; content: string; truncated: boolean; usage: TokenUsage }
  | { kind: "refusal"; refusal: string; usage: TokenUsage };

/** The one thing triage asks of a model: a structured answer to (static system text, papers). */
export interface LlmClient {
  readonly model: string;
  complete(system: string, user: string): Promise<LlmReply>;
}

export interface OpenAiClientOptions {
  config: LlmConfig;
  env: Record<string, string | undefined>;
  /** Tests inject a fetch; the app may inject a proxy-aware one. */
  fetch?: typeof fetch;
}

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/**
 * Any OpenAI-compatible chat-completions endpoint (OPENAI_BASE_URL, from the operator's environment).
 * 429/5xx/timeouts are retried by the SDK, `maxRetries` times with its backoff (honouring
 * retry-after), each attempt at most `timeoutMs`: a bounded total per request.
 */
export function createOpenAiClient({ config, env, fetch: customFetch }: OpenAiClientOptions): LlmClient {
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new HeadscoutError("LLM mode needs OPENAI_API_KEY (or use the offline mode)");
  const client = new OpenAI({
    apiKey,
    baseURL: env.OPENAI_BASE_URL || DEFAULT_BASE_URL,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
    ...(customFetch ? { fetch: customFetch } : {}),
  });
  const schema = answerJsonSchema();
  return {
    model: config.model,
    async complete(system, user) {
      let completion;
      try {
        completion = await client.chat.completions.create({
          model: config.model,
          // No temperature: reasoning models reject any but the default.
          ...(config.reasoningEffort ? { reasoning_effort: config.reasoningEffort } : {}),
          messages: [
            { role: "system", content: system },
            { role: "user", content: user },
          ],
          response_format: { type: "json_schema", json_schema: { name: "triage_verdicts", strict: true, schema } },
        });
      } catch (error) {
        const status = error instanceof OpenAI.APIError && error.status ? ` (HTTP ${error.status})` : "";
        throw new HeadscoutError(`LLM request to ${client.baseURL} failed${status}`, { cause: error });
      }
      const usage = {
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      };
      const choice = completion.choices[0];
      if (choice?.message.refusal) return { kind: "refusal", refusal: choice.message.refusal, usage };
      return { kind: "answer", content: choice?.message.content ?? "", truncated: choice?.finish_reason === "length", usage };
    },
  };
}
