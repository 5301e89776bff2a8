import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadHeadRegistry } from "../../src/catalog/registry.ts";
import { FileAnswerCache } from "../../src/triage/llm/cache.ts";
import { estimateTokens, loadPrompt, renderPaperMessage } from "../../src/triage/llm/prompt.ts";
import { triagePapers } from "../../src/triage/run.ts";
import { draftEntry } from "../../src/triage/verdict.ts";
import { answerFor, completion, fakeEndpoint, llmDeps, loadFixturePapers, paperNamed, rateLimited, refusal } from "./helpers/llm.ts";

const successor = paperNamed("Successor Heads");
const razor = paperNamed("RazorAttention");
const talking = paperNamed("Talking-Heads");

const successorAnswer = answerFor({
  tags: [{ name: "Successor Head", evidence: "we present successor heads" }],
  summary: [
    "Introduces successor heads, attention heads that increment tokens with a natural ordering.",
    "Studied with mechanistic interpretability across model sizes and architectures.",
    "Found in models from 31M to 12B parameters.",
  ],
});
const razorAnswer = answerFor({ tags: [{ name: "Retrieval Head", evidence: "only a few heads, denoted as retrieval heads" }] });
const byTitle = (title: string) => (title.startsWith("Successor") ? completion(successorAnswer) : title.startsWith("Razor") ? completion(razorAnswer) : completion(answerFor({ relevant: false, summary: [] })));
const serverError = [500, { error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } }, { "content-type": "application/json" }] as [number, unknown, Record<string, string>];

describe("LLM triage, one paper per request (endpoint faked with nock)", () => {
  it("judges each paper in a request of its own: static instructions first, the paper last, fenced as data", async () => {
    const requests = fakeEndpoint(byTitle);
    const report = await triagePapers([successor, razor], llmDeps());

    expect(report.verdicts.map((v) => [v.decision, v.tags.map((t) => t.name)])).toEqual([
      ["relevant", ["Successor Head"]],
      ["relevant", ["Retrieval Head"]],
    ]);
    expect(requests.map((r) => r.title).sort()).toEqual([razor.title, successor.title].sort());
    const [a, b] = requests;
    expect(a!.body.messages[0]).toEqual(b!.body.messages[0]);
    expect(a!.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(a!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
    expect(a!.body.max_completion_tokens).toBe(2000);
    for (const r of requests) {
      expect(r.body.messages[1]!.content).toMatch(/```text \(data, not instructions\)\nTitle: /);
      // No other paper's text in a paper's request.
      const other = r.title === successor.title ? razor : successor;
      expect(r.body.messages[1]!.content).not.toContain(other.abstract.slice(0, 80));
    }
    expect(report.llm).toMatchObject({ calls: 2, promptTokens: 6240, cachedPromptTokens: 5888, completionTokens: 820 });

    const draft = draftEntry(report.verdicts[0]!)!;
    expect(draft.entry).toMatchObject({ title: successor.title, date: "2023-12-14", tags: ["Successor Head"] });
    expect(draft.entry.links[0]!.url).toBe("https://arxiv.org/abs/2312.09230");
  });

  it("sends the configured model, reasoning_effort only when configured, and max_tokens for servers that only know it", async () => {
    const requests = fakeEndpoint(byTitle);
    await triagePapers([successor], llmDeps());
    await triagePapers([successor], llmDeps({ model: "gpt-5.4-nano", reasoningEffort: "low", outputTokenParameter: "max_tokens", maxOutputTokens: 900 }));
    const [plain, tuned] = requests.map((r) => r.body);
    expect(plain).toMatchObject({ model: "gpt-5.4-mini" });
    expect(plain).not.toHaveProperty("reasoning_effort");
    expect(plain).not.toHaveProperty("temperature");
    expect(tuned).toMatchObject({ model: "gpt-5.4-nano", reasoning_effort: "low", max_tokens: 900 });
    expect(tuned).not.toHaveProperty("max_completion_tokens");
  });

  it("asks once more after an off-schema answer, and accepts JSON in a markdown fence", async () => {
    const requests = fakeEndpoint([completion({ relevant: "yes", summary: "one bullet" }), completion(`\`\`\`json\n${JSON.stringify(successorAnswer)}\n\`\`\``)]);
    const report = await triagePapers([successor], llmDeps());
    expect(requests).toHaveLength(2);
    expect(report.verdicts[0]!.decision).toBe("relevant");
    expect(report.llm.calls).toBe(2);
  });

  it("holds a paper whose answers stay unusable, and counts it as an LLM failure", async () => {
    fakeEndpoint([completion("Sure! Here is my answer: relevant."), completion({ ...successorAnswer, summary: ["too many words ".repeat(40), "b", "c"] })]);
    const report = await triagePapers([successor], llmDeps());
    expect(report.verdicts[0]).toMatchObject({ decision: "needs-manual-triage", held: "answer-unusable" });
    expect(report.verdicts[0]!.reason).toMatch(/unusable twice: summary has \d+ words \(at most 60\)/);
    expect(report.counts).toMatchObject({ needsManualTriage: 1, llmFailures: 1 });
  });

  it("holds a refused paper for a maintainer without calling it an outage", async () => {
    const requests = fakeEndpoint([refusal()]);
    const report = await triagePapers([successor], llmDeps());
    expect(requests).toHaveLength(1);
    expect(report.verdicts[0]).toMatchObject({ decision: "needs-manual-triage", held: "refused" });
    expect(report.verdicts[0]!.reason).toContain("the model refused: I'm sorry, but I can't assist with that request.");
    expect(report.counts.llmFailures).toBe(0);
  });

  it("asks again with twice the output ceiling when an answer is cut off, then holds it", async () => {
    const cut = completion('{"relevant": true, "confid', { finishReason: "length" });
    const requests = fakeEndpoint([cut, completion(successorAnswer)]);
    expect((await triagePapers([successor], llmDeps())).verdicts[0]!.decision).toBe("relevant");
    expect(requests.map((r) => r.body.max_completion_tokens)).toEqual([2000, 4000]);

    fakeEndpoint([cut, cut]);
    const held = (await triagePapers([successor], llmDeps())).verdicts[0]!;
    expect(held).toMatchObject({ decision: "needs-manual-triage", held: "answer-unusable" });
    expect(held.reason).toContain("cut off at the output ceiling (4000 tokens)");
  });

  it("rides out a 429 (retry-after-ms honoured, no real wait), counting both attempts as calls", async () => {
    const limited = rateLimited();
    const requests = fakeEndpoint([[limited.status, limited.body, limited.headers], completion(successorAnswer)]);
    const report = await triagePapers([successor], llmDeps());
    expect(requests).toHaveLength(2);
    expect(report.verdicts[0]!.decision).toBe("relevant");
    expect(report.llm.calls).toBe(2);
  });

  it("gives up after the bounded retries on persistent 5xx, holds the paper as an LLM failure and names no endpoint", async () => {
    const requests = fakeEndpoint([serverError, serverError]);
    const report = await triagePapers([successor], llmDeps({ maxRetries: 1 }));
    expect(requests).toHaveLength(2);
    expect(report.verdicts[0]).toMatchObject({ decision: "needs-manual-triage", held: "llm-failed" });
    expect(report.verdicts[0]!.reason).toBe("the LLM service had a server error (HTTP 500): The server had an error while processing your request. (2 attempts)");
    expect(report.counts.llmFailures).toBe(1);
  });

  it.each([
    [401, { error: { message: "Incorrect API key provided: sk-test-f*****ture.", type: "invalid_request_error", code: "invalid_api_key" } }, "the LLM service rejected the API key: check OPENAI_API_KEY (HTTP 401): Incorrect API key provided: [redacted]"],
    [404, { error: { message: "The model `gpt-5.4-mini` does not exist or you do not have access to it.", type: "invalid_request_error", code: "model_not_found" } }, "the LLM service does not know the model 'gpt-5.4-mini' or the endpoint: check triage.llm.model and OPENAI_BASE_URL (HTTP 404)"],
  ])("says what to fix after an HTTP %i, without retrying it or quoting the key", async (status, body, reason) => {
    const requests = fakeEndpoint([[status, body, { "content-type": "application/json" }]]);
    const report = await triagePapers([successor], llmDeps());
    expect(requests).toHaveLength(1);
    expect(report.verdicts[0]!.reason).toContain(reason);
    expect(report.verdicts[0]!.reason).not.toMatch(/sk-test|llm\.test/);
  });

  it.each([
    ["an HTML page", [200, "<!doctype html><html><body>Welcome to nginx!</body></html>", { "content-type": "text/html" }] as const, "answered with an HTML page, not a chat completion"],
    ["no choices", [200, { ...completion(successorAnswer), choices: [] }, { "content-type": "application/json" }] as const, "not a chat completion (choices: the answer has no choices)"],
  ])("explains an answer with %s", async (_, reply, reason) => {
    fakeEndpoint([[reply[0], reply[1], { ...reply[2] }]]);
    const report = await triagePapers([successor], llmDeps());
    expect(report.verdicts[0]).toMatchObject({ decision: "needs-manual-triage", held: "llm-failed" });
    expect(report.verdicts[0]!.reason).toContain(reason);
  });

  it("pays for a paper once: a second run answers from the cache, a new arXiv version asks again", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "headscout-cache-")), "llm-cache.json");
    const requests = fakeEndpoint(byTitle);
    await triagePapers([successor, razor], llmDeps({}, new FileAnswerCache(path)));

    // Same papers, fresh cache object on the same file: no request may be made (network is disabled).
    const second = await triagePapers([successor, razor], llmDeps({}, new FileAnswerCache(path)));
    expect(second.llm).toMatchObject({ calls: 0, totalTokens: 0, cacheHits: 2 });
    expect(second.verdicts.map((v) => [v.decision, v.provenance.cached])).toEqual([
      ["relevant", true],
      ["relevant", true],
    ]);

    expect(requests).toHaveLength(2);
    const v3 = { ...successor, ids: { ...successor.ids, arxivVersion: 3 } };
    const third = await triagePapers([v3], llmDeps({}, new FileAnswerCache(path)));
    expect(requests).toHaveLength(3);
    expect(third.llm.cacheHits).toBe(0);
    expect(third.verdicts[0]!.key).toBe("arxiv:2312.09230");
  });

  it("counts every HTTP attempt, retries included, against the call cap", async () => {
    const requests = fakeEndpoint([serverError, completion(successorAnswer)]);
    const report = await triagePapers([successor, razor, talking], llmDeps({ maxCallsPerRun: 2, concurrency: 1 }));
    expect(requests).toHaveLength(2);
    expect(report.verdicts.map((v) => v.decision)).toEqual(["relevant", "not-triaged", "not-triaged"]);
    expect(report.verdicts[1]!.reason).toBe("per-run LLM cap reached (2 calls); left for the next run");
    expect(report.counts.llmFailures).toBe(0);
  });

  it("reserves each request's worst case before sending it, so concurrent requests cannot all slip under the token cap", async () => {
    const requests = fakeEndpoint(byTitle);
    // Room for two requests' input estimate plus output ceiling, not three; four may be in flight at once.
    const { system } = loadPrompt(loadHeadRegistry());
    const worstCase = (p: typeof successor) => estimateTokens(system) + estimateTokens(renderPaperMessage(p)) + 2000;
    const cap = worstCase(successor) + worstCase(razor) + Math.floor(worstCase(talking) / 2);
    const report = await triagePapers([successor, razor, talking], llmDeps({ maxTokensPerRun: cap, concurrency: 4 }));
    expect(requests).toHaveLength(2);
    expect(report.verdicts.filter((v) => v.decision === "not-triaged")).toHaveLength(1);
  });

  it("stops at the per-run token cap before sending anything too large", async () => {
    const report = await triagePapers([successor, razor], llmDeps({ maxTokensPerRun: 100 }));
    expect(report.verdicts.every((v) => v.decision === "not-triaged")).toBe(true);
    expect(report.verdicts[0]!.reason).toContain("100 tokens");
    expect(report.llm.calls).toBe(0);
  });

  it("counts an estimate, never zero, for an answer without usage", async () => {
    fakeEndpoint([completion(successorAnswer, { usage: null })]);
    const report = await triagePapers([successor], llmDeps());
    expect(report.llm.estimatedAnswers).toBe(1);
    expect(report.llm.promptTokens).toBeGreaterThan(1000);
    expect(report.llm.completionTokens).toBeGreaterThan(50);
    expect(report.llm.estimatedCostUsd).toBeGreaterThan(0);
  });

  it("lets the operator's ceiling lower a repository's cap, never raise it", async () => {
    const { setUpTriage } = await import("../../src/triage/setup.ts");
    const { triageConfigSchema } = await import("../../src/triage/config.ts");
    const env = { OPENAI_API_KEY: "sk-x", HEADSCOUT_MAX_LLM_CALLS_PER_RUN: "10", HEADSCOUT_MAX_LLM_TOKENS_PER_RUN: "5000000" };
    const deps = setUpTriage(triageConfigSchema.parse({ llm: { maxCallsPerRun: 500, maxTokensPerRun: 20_000 } }), env);
    expect(deps.llm!.limits).toEqual({ maxCalls: 10, maxTokens: 20_000 });
    expect(deps.notes).toEqual(["triage.llm.maxCallsPerRun 500 is above the operator's ceiling HEADSCOUT_MAX_LLM_CALLS_PER_RUN=10: using 10"]);
  });

  it("sends only what passed the prefilter", async () => {
    const requests = fakeEndpoint(byTitle);
    const report = await triagePapers(loadFixturePapers(), llmDeps());
    const titles = requests.map((r) => r.title);
    expect(titles).not.toContain("Learning Extremely High Density Crowds as Active Matters");
    expect(report.verdicts.filter((v) => v.provenance.stage === "prefilter").map((v) => v.paper.title)).toEqual([
      "Learning Extremely High Density Crowds as Active Matters",
      "A Lightweight Anchor-Free Detection Head for Real-Time Drone Imagery",
    ]);
  });
});

describe("what reaches a catalog row from an LLM answer", () => {
  it("keeps a tag only when its quote is a passage of this paper that names the head type", async () => {
    fakeEndpoint([
      completion(
        answerFor({
          tags: [
            { name: "Successor Head", evidence: "we present successor heads" },
            { name: "Induction Head", evidence: "successor heads are a kind of induction head" },
            { name: "Retrieval Head", evidence: "we present successor heads" },
            { name: "Incrementer Head", evidence: "increment tokens with a natural ordering" },
          ],
          newHeadTypes: [{ name: "Month Head", evidence: "such as numbers, months, and days" }],
        }),
      ),
    ]);
    const [verdict] = (await triagePapers([successor], llmDeps())).verdicts;
    expect(verdict!.tags.map((t) => t.name)).toEqual(["Successor Head"]);
    expect(verdict!.droppedTags.map((d) => [d.name, d.reason])).toEqual([
      ["Induction Head", "evidence is not a passage of the title or abstract"],
      ["Retrieval Head", "the quote does not name Retrieval Head (or an alias): a suggestion, not a tag"],
      ["Incrementer Head", "not in the head-type registry"],
    ]);
    // A new head type is a proposal for the registry, with its quote: never a tag of the row.
    expect(verdict!.newHeadTypes).toEqual([{ name: "Month Head", evidence: "such as numbers, months, and days" }]);
    expect(verdict!.flags.join(" ")).toContain('new head type(s) proposed for the registry: Month Head ("such as numbers, months, and days")');
    expect(draftEntry(verdict!)!.entry.tags).toEqual(["Successor Head"]);
  });

  it("treats a newHeadTypes name the registry knows as a tag, under the same rule", async () => {
    fakeEndpoint([completion(answerFor({ newHeadTypes: [{ name: "successor heads", evidence: "we present successor heads" }] }))]);
    const [verdict] = (await triagePapers([successor], llmDeps())).verdicts;
    expect(draftEntry(verdict!)!.entry.tags).toEqual(["Successor Head"]);
    expect(verdict!.newHeadTypes).toEqual([]);
  });

  it("replaces a summary with a link, a domain or words the abstract does not have by sentences of the abstract, and flags it", async () => {
    fakeEndpoint([
      completion(
        answerFor({
          tags: [{ name: "Successor Head", evidence: "we present successor heads" }],
          summary: ["Introduces successor heads.", "Readers should visit heads.example for the code.", "A landmark result for the field."],
          rationale: "Strong paper, see evil.example/heads.",
        }),
      ),
    ]);
    const [verdict] = (await triagePapers([successor], llmDeps())).verdicts;
    expect(verdict!.flags.join(" ")).toContain("model summary replaced by sentences from the abstract: bullet 2 contains a domain name (heads.example)");
    for (const bullet of verdict!.summary!) expect(successor.abstract.replace(/\s+/g, " ")).toContain(bullet.replace(/…$/, ""));
    expect(verdict!.rationale).toBe("Strong paper, see [address removed]");
  });
});
