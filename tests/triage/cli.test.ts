import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { runEval } from "../../src/cli/commands/eval.ts";
import { runTriage } from "../../src/cli/commands/triage.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { projectRoot } from "../helpers/shared.ts";
import { answerFor, completion, fakeEndpoint, LLM_ENV, paperNamed } from "./helpers/llm.ts";

function fakeIo(env: Record<string, string | undefined> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    env,
    cwd: join(projectRoot, "tests", "fixtures", "papers"),
  };
  return io;
}

describe("headscout triage", () => {
  it("triages the sources output offline without an API key and prints offline drafts", async () => {
    const io = fakeIo();
    expect(await runTriage(["sources-output.json", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.mode).toBe("offline");
    expect(out.counts).toMatchObject({ papers: 5, relevant: 2 });
    expect(out.drafts.map((d: { entry: { title: string }; origin: string }) => [d.entry.title.split(":")[0], d.origin])).toEqual([
      ["Successor Heads", "offline"],
      ["RazorAttention", "offline"],
    ]);
    expect(out.prefilteredOut).toHaveLength(2);
  });

  it("uses the LLM when OPENAI_API_KEY is set, and prints calls, tokens and cost", async () => {
    const successor = paperNamed("Successor Heads");
    const razor = paperNamed("RazorAttention");
    const talking = paperNamed("Talking-Heads");
    fakeEndpoint((title) => completion(title === talking.title ? answerFor({ relevant: false, confidence: 0.8, summary: [] }) : answerFor()));
    const io = fakeIo(LLM_ENV);
    expect(await runTriage(["sources-output.json"], io)).toBe(0);
    expect(io.out).toMatch(/^triage \(llm\): 5 papers, 3 past the prefilter; 2 relevant/);
    expect(io.out).toMatch(/LLM: 3 calls, 10590 tokens \(9360 in, 8832 of them cached; 1230 out\), ~\$0\.0/);
    expect([successor, razor].every((p) => io.out.includes(p.title.slice(0, 20)))).toBe(true);
  });

  it("exits 3 and says how many papers the LLM could not judge when its service fails", async () => {
    fakeEndpoint(() => [503, { error: { message: "Service Unavailable", type: "server_error" } }, { "content-type": "application/json", "retry-after-ms": "0" }]);
    const io = fakeIo({ ...LLM_ENV });
    expect(await runTriage(["sources-output.json"], io)).toBe(3);
    expect(io.err).toContain("headscout triage: the LLM could not judge 3 paper(s) (the LLM service had a server error (HTTP 503): Service Unavailable (3 attempts))");
  });

  it("rejects a file that is not a papers list, naming it", async () => {
    const io = fakeIo();
    expect(await main(["triage", "labeled.dev-format.jsonl"], io)).toBe(1);
    expect(io.err).toMatch(/headscout triage: .*labeled\.dev-format\.jsonl is not valid JSON/);
  });
});

describe("headscout eval", () => {
  it("prints precision/recall/F1 for the prefilter and the classifier as JSON", async () => {
    const io = fakeIo();
    expect(await runEval(["labeled.dev-format.jsonl", "--offline", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(Object.keys(out.prefilter)).toEqual(expect.arrayContaining(["precision", "recall", "f1"]));
    expect(out.prefilter.recall).toBe(1);
    expect(out.classifier).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(out.llm).toEqual({ calls: 0, tokens: 0, cacheHits: 0, estimatedCostUsd: 0 });
    expect(out.tags).toMatchObject({ papers: 2, exactMatch: 1 });
  });

  it("says when the offline classifier is scored on papers it was trained on", async () => {
    const io = fakeIo();
    expect(await runEval(["labeled.dev-format.jsonl", "--offline"], io)).toBe(0);
    // Successor Heads (2312.09230) is a catalog entry the shipped model learned from.
    expect(io.out).toMatch(/^note: [1-9]\d* of these \d+ papers are in the offline model's training data/m);
    const json = fakeIo();
    expect(await runEval(["labeled.dev-format.jsonl", "--offline", "--json"], json)).toBe(0);
    expect(JSON.parse(json.out).classifierInSample).toBeGreaterThan(0);
  });

  it("reads a stream folder with --stream (smoke test through main)", async () => {
    const io = fakeIo();
    expect(await main(["eval", "--stream", "stream", "--offline"], io)).toBe(0);
    expect(io.out).toMatch(/4 papers, 1 relevant; classifier: offline/);
    expect(io.out).toMatch(/^prefilter +precision/m);
  });

  it("measures the LLM classifier when OPENAI_API_KEY is set, counting its calls and tokens", async () => {
    const successor = paperNamed("Successor Heads");
    const razor = paperNamed("RazorAttention");
    const talking = paperNamed("Talking-Heads");
    const irrelevant = answerFor({ relevant: false, summary: [] });
    fakeEndpoint((title) => completion(title === razor.title ? answerFor() : irrelevant));
    const io = fakeIo(LLM_ENV);
    expect(await runEval(["labeled.dev-format.jsonl", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.mode).toBe("llm");
    expect(out.classifier).toMatchObject({ precision: 1, recall: 0.5, truePositives: 1, falseNegatives: 1 });
    expect(out.llm).toMatchObject({ calls: 3, tokens: 3 * 3530 });
    expect(successor.title).not.toBe(talking.title);
  });

  it("exits 2 with usage when no file is given", async () => {
    const io = fakeIo();
    expect(await runEval([], io)).toBe(2);
    expect(io.err).toContain("usage: headscout eval");
  });
});
