// LLM tokens and cost per judged paper: one paper per request (what headscout does) against the
// batches of 4 it sent before, under a provider with automatic prompt caching. No provider is
// reachable here, so a fake client reports usage as such a provider would: prompt tokens ≈ 4
// characters a token, `cached_tokens` = the prefix already seen (the static system prompt),
// rounded down to 128-token blocks from 1,024 tokens on; answer tokens from the answer's JSON.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadHeadRegistry } from "../src/catalog/registry.ts";
import { packageRoot } from "../src/paths.ts";
import type { Paper } from "../src/sources/paper.ts";
import { defaultTriageConfig, type LlmConfig } from "../src/triage/config.ts";
import { parseStreamPapers } from "../src/triage/eval/labeled.ts";
import { MemoryAnswerCache } from "../src/triage/llm/cache.ts";
import type { LlmClient, LlmReply } from "../src/triage/llm/client.ts";
import { estimateTokens, loadPrompt, renderPaperMessage } from "../src/triage/llm/prompt.ts";
import { triageWithLlm } from "../src/triage/llm/triage-llm.ts";
import { createPrefilter } from "../src/triage/prefilter.ts";
import { figure, targetNote, type Figure } from "./figures.ts";

/** What a provider with automatic prefix caching would count as cached: whole 128-token blocks of a seen prefix, from 1,024 on. */
function cachedTokens(prefixTokens: number, seen: boolean): number {
  if (!seen || prefixTokens < 1024) return 0;
  return Math.floor(prefixTokens / 128) * 128;
}

const SUMMARY = ["Identifies a small set of heads that carry the behaviour across model families.", "Studied with ablation and activation patching on GPT-2 and Llama.", "Masking the heads removes the behaviour while the rest of the model keeps working."];
const relevantAnswer = { relevant: true, confidence: 0.86, rationale: "Locates specific heads and says what they do.", tags: [{ name: "Retrieval Head", evidence: "denoted as retrieval heads" }], newHeadTypes: [], summary: SUMMARY };
const irrelevantAnswer = { relevant: false, confidence: 0.82, rationale: "Uses multi-head attention as architecture only.", tags: [], newHeadTypes: [], summary: [] };
// The earlier prompt asked for three bullets and an id for every paper, relevant or not.
const batchAnswer = (relevant: boolean) => ({ id: "arxiv:2407.15891", ...(relevant ? relevantAnswer : { ...irrelevantAnswer, summary: SUMMARY.map((b) => b.slice(0, 60)) }) });

function costUsd(config: LlmConfig, prompt: number, cached: number, completion: number): number {
  return ((prompt - cached) * config.pricePerMillionInput + cached * config.pricePerMillionCachedInput + completion * config.pricePerMillionOutput) / 1e6;
}

function loadCandidates(): { papers: Paper[]; relevant: Set<string>; from: string } {
  const registry = loadHeadRegistry();
  const prefilter = createPrefilter(registry, defaultTriageConfig.prefilterThreshold);
  const streamFile = resolve(packageRoot, "..", "shared", "eval", "stream", "papers.jsonl");
  if (existsSync(streamFile)) {
    const stream = parseStreamPapers(readFileSync(streamFile, "utf8"), streamFile);
    const labels = readFileSync(resolve(streamFile, "..", "labels.dev.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; label: string });
    return { papers: stream.filter((p) => prefilter(p).passed), relevant: new Set(labels.filter((l) => l.label === "relevant").map((l) => l.id)), from: "the real stream's prefiltered candidates" };
  }
  const file = join(packageRoot, "tests", "fixtures", "papers", "sources-output.json");
  const papers = (JSON.parse(readFileSync(file, "utf8")) as { papers: Paper[] }).papers.filter((p) => prefilter(p).passed);
  return { papers, relevant: new Set(papers.slice(0, 2).map((p) => p.ids.arxiv!)), from: "the test fixtures (../shared is absent)" };
}

export async function run(): Promise<Figure[]> {
  const registry = loadHeadRegistry();
  const prompt = loadPrompt(registry);
  const config = defaultTriageConfig.llm;
  const { papers, relevant, from } = loadCandidates();
  const isRelevant = (p: Paper) => relevant.has(p.ids.arxiv ?? "");
  const system = estimateTokens(prompt.system);

  // Per paper, through the real triage code with a fake client that counts like a caching provider.
  let seen = false;
  const byTitle = new Map(papers.map((p) => [p.title.replace(/\s+/g, " "), p]));
  const client: LlmClient = {
    model: config.model,
    async complete({ system: sys, user }): Promise<LlmReply> {
      const paper = byTitle.get(/Title: (.*)\n/.exec(user)?.[1] ?? "");
      const content = JSON.stringify(paper && isRelevant(paper) ? relevantAnswer : irrelevantAnswer);
      const usage = { promptTokens: estimateTokens(sys) + estimateTokens(user), cachedPromptTokens: cachedTokens(estimateTokens(sys), seen), completionTokens: estimateTokens(content) };
      seen = true;
      return { kind: "answer", content, truncated: false, usage };
    },
  };
  const limits = { maxCalls: 1e9, maxTokens: 1e12 };
  const { usage } = await triageWithLlm(papers.map((paper) => ({ paper, prefilter: { score: 3, passed: true, signals: [], registryMatches: [] } })), { client, registry, config: { ...config, concurrency: 1 }, cache: new MemoryAnswerCache(), prompt, limits });

  // The batches of 4 it replaced: four papers a request, an answer with id and bullets for each, and
  // the system prompt of then, which also listed every head type's description.
  const systemBefore = system + estimateTokens(registry.heads.map((h) => `: ${h.description}`).join(""));
  let batch = { calls: 0, prompt: 0, cached: 0, completion: 0 };
  for (let i = 0; i < papers.length; i += 4) {
    const group = papers.slice(i, i + 4);
    const user = group.map((p) => `Paper id: arxiv:${p.ids.arxiv}\n${renderPaperMessage(p)}`).join("\n\n");
    batch = {
      calls: batch.calls + 1,
      prompt: batch.prompt + systemBefore + estimateTokens(user),
      cached: batch.cached + cachedTokens(systemBefore, i > 0),
      completion: batch.completion + estimateTokens(JSON.stringify({ papers: group.map((p) => batchAnswer(isRelevant(p))) })),
    };
  }
  const n = papers.length;
  const perPaper = costUsd(config, usage.promptTokens, usage.cachedPromptTokens, usage.completionTokens) / n;
  const perBatch = costUsd(config, batch.prompt, batch.cached, batch.completion) / n;
  const fmt = (x: number) => x.toLocaleString("en", { maximumFractionDigits: 0 });
  console.log(`LLM cost per judged paper, over ${n} papers (${from}); system prompt ≈ ${fmt(system)} tokens; prices $${config.pricePerMillionInput} / $${config.pricePerMillionCachedInput} cached / $${config.pricePerMillionOutput} output per million`);
  console.log(`  one paper per request: ${usage.calls} requests, ${fmt(usage.promptTokens / n)} input tokens/paper (${fmt(usage.cachedPromptTokens / n)} cached), ${fmt(usage.completionTokens / n)} output tokens/paper, $${perPaper.toFixed(6)} per paper`);
  console.log(`  batches of 4 (before, system prompt ≈ ${fmt(systemBefore)} tokens): ${batch.calls} requests, ${fmt(batch.prompt / n)} input tokens/paper (${fmt(batch.cached / n)} cached), ${fmt(batch.completion / n)} output tokens/paper, $${perBatch.toFixed(6)} per paper`);
  console.log(`  per-paper cost vs batches of 4: ${(perPaper / perBatch).toFixed(2)}× (target ≤ 0.6×: ${perPaper / perBatch <= 0.6 ? "met" : "NOT met"})`);
  return [
    figure("LLM cost of judging 1,000 papers, one paper a request", perPaper * 1000, "USD", `${n} papers (${from}); ${fmt(usage.promptTokens / n)} input tokens/paper, ${fmt(usage.cachedPromptTokens / n)} cached`, 3),
    figure("LLM cost per judged paper vs batches of 4", perPaper / perBatch, "×", targetNote(Number((perPaper / perBatch).toFixed(2)), 0.6, "×"), 2),
  ];
}
