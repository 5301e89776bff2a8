import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { triageConfigSchema, type TriageConfig } from "../../../src/triage/config.ts";
import { MemoryAnswerCache, type AnswerCache } from "../../../src/triage/llm/cache.ts";
import { createOpenAiClient } from "../../../src/triage/llm/client.ts";
import { loadPrompt } from "../../../src/triage/llm/prompt.ts";
import type { TriageDeps } from "../../../src/triage/run.ts";
import { chatCompletion } from "../../helpers/fake-openai-server.ts";
import { projectRoot } from "../../helpers/shared.ts";

export { chatCompletion as completion } from "../../helpers/fake-openai-server.ts";

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

export function refusal(): Record<string, unknown> {
  return fixture("llm/chat-completion-refusal.json");
}

export function rateLimited(): { status: number; headers: Record<string, string>; body: unknown } {
  return fixture("llm/error-429.json") as { status: number; headers: Record<string, string>; body: unknown };
}

export interface AnswerItem {
  relevant: boolean;
  confidence: number;
  rationale: string;
  tags: { name: string; evidence: string }[];
  newHeadTypes: { name: string; evidence: string }[];
  summary: string[];
}

export function answerFor(overrides: Partial<AnswerItem> = {}): AnswerItem {
  return {
    relevant: true,
    confidence: 0.9,
    rationale: "Identifies attention heads with a specific function.",
    tags: [],
    newHeadTypes: [],
    summary: ["Introduces attention heads with a function.", "Studied on language models.", "The heads explain the behaviour."],
    ...overrides,
  };
}

/** A request the fake endpoint received: its body, and the title of the paper it carried. */
export interface RecordedRequest {
  body: { model: string; messages: { role: string; content: string }[]; response_format: unknown; max_completion_tokens?: number; [key: string]: unknown };
  title: string;
}

export type Reply = Record<string, unknown> | [number, unknown, Record<string, string>?];

/**
 * The LLM endpoint faked with nock. `reply` answers each request from the title of the paper it
 * carries (one paper per request), so concurrent requests get their own answers in any order;
 * a list of replies is served in turn instead.
 */
export function fakeEndpoint(reply: ((title: string, nth: number) => Reply) | Reply[]): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  const next = Array.isArray(reply) ? (_: string, nth: number) => reply[nth] ?? [500, { error: { message: "no more replies" } }] : reply;
  nock(LLM_ORIGIN)
    .post("/v1/chat/completions")
    .times(Array.isArray(reply) ? reply.length : 1000)
    .reply(async (request: Request) => {
      const body = (await request.json()) as RecordedRequest["body"];
      const title = /Title: (.*)\n/.exec(body.messages[1]?.content ?? "")?.[1] ?? "";
      recorded.push({ body, title });
      const answer = next(title, recorded.length - 1);
      return Array.isArray(answer) ? [answer[0], answer[1] as Record<string, unknown>, answer[2]] : [200, answer, { "content-type": "application/json" }];
    });
  return recorded;
}

export function llmDeps(llm: Partial<TriageConfig["llm"]> = {}, cache: AnswerCache = new MemoryAnswerCache(), env: Record<string, string> = LLM_ENV): TriageDeps {
  const base = triageConfigSchema.parse({});
  const config: TriageConfig = { ...base, mode: "llm", llm: { ...base.llm, timeoutMs: 5_000, maxRetries: 2, ...llm } };
  const registry = loadHeadRegistry();
  return {
    config,
    registry,
    mode: "llm",
    // Retries wait on an injected sleep: no test waits in real time.
    llm: { client: createOpenAiClient({ config: config.llm, env }), cache, prompt: loadPrompt(registry), sleep: async () => {} },
  };
}
