import { LlmRequestError, type LlmClient, type LlmReply, type LlmRequest, type TokenUsage } from "./client.ts";
import type { LlmBudget } from "./budget.ts";
import { estimateTokens } from "./prompt.ts";

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's retry-after above this is not waited for: the request fails now. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, "attempts"> = { baseDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

export interface CallDeps {
  client: LlmClient;
  budget: LlmBudget;
  retry: RetryPolicy;
  /** Waits between attempts; tests pass one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): backoff jitter. */
  random: () => number;
}

/** What one attempt cost, as counted: the server's figures, or our estimate when it gave none. */
export interface AttemptCost {
  usage: TokenUsage;
  /** The server reported no usage: these are estimates. */
  estimated: boolean;
}

export type CallOutcome =
  | { kind: "reply"; reply: LlmReply; costs: AttemptCost[] }
  | { kind: "failed"; error: LlmRequestError; attempts: number; costs: AttemptCost[] }
  | { kind: "capped"; reason: string; costs: AttemptCost[] };

/**
 * One request to the model with retries. Every attempt first reserves a call and its worst-case
 * tokens from the run's budget; it is settled at the reported usage, or at the estimate (input
 * estimate + the answer's length) when the server reports none — never at zero. A failed attempt
 * costs a call; one that timed out is also charged its input, since the server may have read it.
 */
export async function callModel(request: LlmRequest, deps: CallDeps): Promise<CallOutcome> {
  const inputEstimate = estimateTokens(request.system) + estimateTokens(request.user);
  const costs: AttemptCost[] = [];
  for (let attempt = 1; ; attempt++) {
    const reservation = deps.budget.reserve(inputEstimate + request.maxOutputTokens);
    if ("refused" in reservation) return { kind: "capped", reason: reservation.refused, costs };
    try {
      const reply = await deps.client.complete(request);
      const cost = costOf(reply, inputEstimate);
      costs.push(cost);
      deps.budget.settle(reservation, cost.usage.promptTokens + cost.usage.completionTokens);
      return { kind: "reply", reply, costs };
    } catch (error) {
      const failure = error instanceof LlmRequestError ? error : new LlmRequestError(`the LLM request failed: ${String(error)}`, "connection", true, undefined, { cause: error });
      const charged = failure.kind === "timeout" ? inputEstimate : 0;
      costs.push({ usage: { promptTokens: charged, cachedPromptTokens: 0, completionTokens: 0 }, estimated: true });
      deps.budget.settle(reservation, charged);
      const wait = failure.retryable && attempt < deps.retry.attempts ? delayBefore(attempt, failure, deps) : undefined;
      if (wait === undefined) return { kind: "failed", error: failure, attempts: attempt, costs };
      await deps.sleep(wait);
    }
  }
}

function costOf(reply: LlmReply, inputEstimate: number): AttemptCost {
  if (reply.usage) return { usage: reply.usage, estimated: false };
  const output = reply.kind === "answer" ? reply.content : reply.refusal;
  return { usage: { promptTokens: inputEstimate, cachedPromptTokens: 0, completionTokens: Math.max(1, estimateTokens(output)) }, estimated: true };
}

/** The wait before the next attempt: the server's retry-after when it gave one, else exponential backoff with jitter. */
function delayBefore(attempt: number, failure: LlmRequestError, deps: CallDeps): number | undefined {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs <= deps.retry.maxRetryAfterMs ? failure.retryAfterMs : undefined;
  const base = Math.min(deps.retry.maxDelayMs, deps.retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + deps.random() / 2));
}
