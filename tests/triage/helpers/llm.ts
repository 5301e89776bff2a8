import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { projectRoot } from "../../helpers/shared.ts";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { triageConfigSchema, type TriageConfig } from "../../../src/triage/config.ts";
import { MemoryAnswerCache, type AnswerCache } from "../../../src/triage/llm/cache.ts";
import { createOpenAiClient } from "../../../src/triage/llm/client.ts";
import { loadPrompt } from "../../../src/triage/llm/prompt.ts";
import type { TriageDeps } from "../../../src/triage/run.ts";

export const LLM_ORIGIN = "https://llm.test";
export const LLM_ENV = { OPENAI_API_KEY: "sk-test-fixture", OPENAI_BASE_URL: `${LLM_ORIGIN}/v1` };

const fixture = (name: string) => JSON.parse(readFileSync(join(projectRoot, "tests", "fixtures", name), "utf8")) as Record<string, unknown>;

export function loadFixturePapers(): Paper[] {
  return (fixture("papers/sources-output.json") as { papers: Paper[] }).papers;
}

export function paperNamed(prefix: string): Paper {
  const paper = loadFixturePapers().find((p) => p.title.startsWith(prefix));
  if (!paper) throw new Error(`no fixture paper titled ${prefix}…`);
  return paper;
}

/** A real-format chat completion whose content is `answer` (an object, serialised, or raw text). */
export function completion(answer: unknown, usage = { prompt_tokens: 3120, completion_tokens: 410 }): Record<string, unknown> {
  const body = structuredClone(fixture("llm/chat-completion.json")) as {
    choices: { message: { content: string } }[];
    usage: Record<string, unknown>;
  };
  body.choices[0]!.message.content = typeof answer === "string" ? answer : JSON.stringify(answer);
  body.usage = { ...body.usage, ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  return body;
}

export function refusal(): Record<string, unknown> {
  return fixture("llm/chat-completion-refusal.json");
}

export function rateLimited(): { status: number; headers: Record<string, string>; body: unknown } {
  return fixture("llm/error-429.json") as { status: number; headers: Record<string, string>; body: unknown };
}

export interface AnswerItem {
  id: string;
  relevant: boolean;
  confidence: number;
  rationale: string;
  tags: { name: string; evidence: string }[];
  newHeadTypes: { name: string; evidence: string }[];
  summary: string[];
}

export function answerFor(id: string, overrides: Partial<AnswerItem> = {}): AnswerItem {
  return {
    id,
    relevant: true,
    confidence: 0.9,
    rationale: "Identifies attention heads with a specific function.",
    tags: [],
    newHeadTypes: [],
    summary: ["Introduces a head type.", "Studied with ablations on GPT-2.", "The heads explain the behaviour."],
    ...overrides,
  };
}

/** Records each request body the fake endpoint receives. */
export interface Recorder {
  bodies: { messages: { role: string; content: string }[]; response_format: unknown; model: string }[];
}

/** Queues replies on the fake endpoint, in order; each may be a body (200) or [status, body, headers]. */
export function fakeEndpoint(replies: (Record<string, unknown> | [number, unknown, Record<string, string>?])[]): Recorder {
  const recorder: Recorder = { bodies: [] };
  for (const reply of replies) {
    const scope = nock(LLM_ORIGIN).post("/v1/chat/completions", (body) => {
      recorder.bodies.push(body as Recorder["bodies"][number]);
      return true;
    });
    if (Array.isArray(reply)) scope.reply(reply[0], reply[1] as Record<string, unknown>, reply[2]);
    else scope.reply(200, reply);
  }
  return recorder;
}

export function llmDeps(
  llm: Partial<TriageConfig["llm"]> = {},
  cache: AnswerCache = new MemoryAnswerCache(),
): TriageDeps {
  const base = triageConfigSchema.parse({});
  // Tiny timeouts and retry delays: the SDK's retry path runs without waiting in real time.
  const config: TriageConfig = { ...base, mode: "llm", llm: { ...base.llm, timeoutMs: 5_000, maxRetries: 2, ...llm } };
  const registry = loadHeadRegistry();
  return {
    config,
    registry,
    mode: "llm",
    llm: { client: createOpenAiClient({ config: config.llm, env: LLM_ENV }), cache, prompt: loadPrompt(registry) },
  };
}
