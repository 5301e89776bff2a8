// Triage figures: prefilter throughput, and what the LLM stage would spend per 1,000 scanned
// papers of the real arXiv stream against sending every abstract (tokens estimated from the
// prompt text, ≈ 4 characters a token; 250 answer tokens a paper; one paper a request).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadHeadRegistry } from "../src/catalog/registry.ts";
import { packageRoot } from "../src/paths.ts";
import type { Paper } from "../src/sources/paper.ts";
import { defaultTriageConfig } from "../src/triage/config.ts";
import { parseStreamPapers } from "../src/triage/eval/labeled.ts";
import { estimateTokens, loadPrompt, renderPaperMessage } from "../src/triage/llm/prompt.ts";
import { loadOfflineModel } from "../src/triage/offline/model.ts";
import { scoreDoc } from "../src/triage/offline/train.ts";
import { createPrefilter } from "../src/triage/prefilter.ts";
import { paperText } from "../src/triage/text.ts";
import { figure, type Figure } from "./figures.ts";

const ANSWER_TOKENS_PER_PAPER = 250;

function loadStream(): Paper[] | undefined {
  const file = resolve(packageRoot, "..", "shared", "eval", "stream", "papers.jsonl");
  if (!existsSync(file)) return undefined;
  return parseStreamPapers(readFileSync(file, "utf8"), file);
}

function fixturePapers(): Paper[] {
  const file = join(packageRoot, "tests", "fixtures", "papers", "sources-output.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { papers: Paper[] }).papers;
}

export async function run(): Promise<Figure[]> {
  const registry = loadHeadRegistry();
  const config = defaultTriageConfig;
  const prefilter = createPrefilter(registry, config.prefilterThreshold);
  const stream = loadStream();
  const pool = stream ?? fixturePapers();
  if (!stream) console.log("(../shared is absent: throughput over the test fixtures; stream figures skipped)");

  const papers = Array.from({ length: 20_000 }, (_, i) => pool[i % pool.length]!);
  const start = performance.now();
  let passed = 0;
  for (const paper of papers) if (prefilter(paper).passed) passed++;
  const ms = performance.now() - start;
  console.log(`prefilter: 20,000 papers in ${ms.toFixed(0)} ms (${Math.round(20_000 / (ms / 1000)).toLocaleString("en")} papers/s), ${passed} passed`);
  const figures: Figure[] = [figure("prefilter throughput (20,000 papers)", 20_000 / (ms / 1000), "papers/s", `${stream ? "the real stream" : "test fixtures"}; ${passed} passed`)];

  const model = loadOfflineModel();
  const t0 = performance.now();
  let scored = 0;
  for (const paper of papers.slice(0, 2_000)) {
    const pf = prefilter(paper);
    if (pf.passed) {
      scoreDoc(model, paperText(paper), pf);
      scored++;
    }
  }
  const classifiedMs = performance.now() - t0;
  console.log(`prefilter + offline classifier: 2,000 papers (${scored} classified) in ${classifiedMs.toFixed(0)} ms`);
  figures.push(figure("prefilter + offline classifier, 2,000 papers", classifiedMs, "ms", `${scored} classified`));

  if (!stream) return figures;
  const prompt = loadPrompt(registry);
  const system = estimateTokens(prompt.system);
  const one = (p: Paper) => system + estimateTokens(renderPaperMessage(p)) + ANSWER_TOKENS_PER_PAPER;
  const baselineTokens = stream.reduce((sum, p) => sum + one(p), 0);
  const candidates = stream.filter((p) => prefilter(p).passed);
  const calls = candidates.length;
  const tokens = candidates.reduce((sum, p) => sum + one(p), 0);
  const per1000 = (x: number) => Math.round((x / stream.length) * 1000);
  console.log(`stream: ${stream.length} papers, ${candidates.length} past the prefilter (${((candidates.length / stream.length) * 100).toFixed(2)}%)`);
  console.log(`baseline (every abstract, one call each): ${per1000(stream.length)} calls, ${per1000(baselineTokens).toLocaleString("en")} tokens per 1,000 papers`);
  console.log(`headscout (prefilter, one paper a request): ${per1000(calls)} calls, ${per1000(tokens).toLocaleString("en")} tokens per 1,000 papers`);
  console.log(`tokens vs baseline: ${((tokens / baselineTokens) * 100).toFixed(2)}% (target < 5%); system prompt ≈ ${system} tokens`);
  const share = (tokens / baselineTokens) * 100;
  figures.push(
    figure("real stream past the prefilter", (candidates.length / stream.length) * 100, "%", `${candidates.length} of ${stream.length} papers`, 2),
    figure("LLM calls per 1,000 papers of the stream", per1000(calls), "calls", `every abstract: ${per1000(stream.length)}`),
    figure("LLM tokens per 1,000 papers of the stream", per1000(tokens), "tokens", `every abstract: ${per1000(baselineTokens).toLocaleString("en")}`),
    figure("LLM tokens vs every abstract", share, "%", `target < 5%: ${share < 5 ? "met" : "NOT met"}`, 2),
  );
  return figures;
}
