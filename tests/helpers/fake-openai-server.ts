import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import nock from "nock";
import { projectRoot } from "./shared.ts";

/** A chat-completions request as the fake received it, with the paper it carried. */
export interface ChatRequest {
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: unknown;
    max_completion_tokens?: number;
    max_tokens?: number;
    reasoning_effort?: string;
    [key: string]: unknown;
  };
  paper: { title: string; abstract: string };
}

/** What the fake answers: a completion body (200), or any status, headers and raw text. */
export type FakeReply = { status?: number; headers?: Record<string, string>; json?: unknown; text?: string };

const template = JSON.parse(readFileSync(join(projectRoot, "tests", "fixtures", "llm", "chat-completion.json"), "utf8")) as Record<string, unknown>;

/** A chat completion in OpenAI's wire format whose content is `answer` (serialised when not a string). */
export function chatCompletion(
  answer: unknown,
  options: { usage?: Record<string, unknown> | null; finishReason?: string; refusal?: string } = {},
): Record<string, unknown> {
  const body = structuredClone(template) as { choices: { message: Record<string, unknown>; finish_reason: string }[]; usage?: unknown };
  const choice = body.choices[0]!;
  choice.message.content = options.refusal ? null : typeof answer === "string" ? answer : JSON.stringify(answer);
  choice.message.refusal = options.refusal ?? null;
  choice.finish_reason = options.finishReason ?? "stop";
  if (options.usage === null) delete body.usage;
  else if (options.usage) body.usage = options.usage;
  return body;
}

/** The paper in a request's user message (as `renderPaperMessage` writes it). */
function paperOf(body: ChatRequest["body"]): ChatRequest["paper"] {
  const user = body.messages.find((m) => m.role === "user")?.content ?? "";
  const m = /Title: (.*)\n\nAbstract:\n([\s\S]*?)\n`{3,}\s*$/.exec(user);
  return { title: m?.[1] ?? "", abstract: m?.[2] ?? "" };
}

async function readJson(req: IncomingMessage): Promise<ChatRequest["body"]> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest["body"];
}

function send(res: ServerResponse, reply: FakeReply): void {
  const text = reply.text ?? JSON.stringify(reply.json ?? {});
  const type = reply.text !== undefined ? "text/html; charset=utf-8" : "application/json";
  res.writeHead(reply.status ?? 200, { "content-type": type, ...reply.headers });
  res.end(text);
}

export interface FakeOpenAi {
  /** The base URL to put in OPENAI_BASE_URL. */
  baseUrl: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * A small OpenAI-compatible server over a real socket on 127.0.0.1 (nock is told to let
 * loopback through): what a real HTTP client meets — headers, status codes, bodies — without
 * nock in between. `answer` decides each reply from the request.
 */
export async function startFakeOpenAi(answer: (request: ChatRequest, index: number) => FakeReply | Promise<FakeReply>): Promise<FakeOpenAi> {
  nock.enableNetConnect("127.0.0.1");
  const requests: ChatRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(res, { status: 404, json: { error: { message: `no route ${req.url}` } } });
      const body = await readJson(req);
      const request = { headers: req.headers, body, paper: paperOf(body) };
      requests.push(request);
      send(res, await answer(request, requests.length - 1));
    })().catch((error: unknown) => send(res, { status: 500, json: { error: { message: String(error) } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        nock.disableNetConnect();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
