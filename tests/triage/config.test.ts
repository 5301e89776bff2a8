import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { resolveMode } from "../../src/triage/run.ts";

describe("triage config", () => {
  it("defaults to auto mode, a small model and bounded per-run spending", () => {
    const { triage } = parseConfig("", "(defaults)");
    expect(triage.mode).toBe("auto");
    expect(triage.llm).toMatchObject({ model: "gpt-5.4-mini", concurrency: 4, maxCallsPerRun: 200, maxTokensPerRun: 1_000_000, maxOutputTokens: 2000, maxRetries: 2 });
  });

  it("still accepts the old batchSize, and says it is no longer used", async () => {
    const { setUpTriage } = await import("../../src/triage/setup.ts");
    const { triage } = parseConfig("triage:\n  llm:\n    batchSize: 4\n", "x.yml");
    expect(setUpTriage(triage, {}).notes).toEqual(["triage.llm.batchSize is no longer used: each paper is judged in a request of its own"]);
  });

  it("accepts overrides and names a bad key", () => {
    const { triage } = parseConfig("triage:\n  llm:\n    model: qwen2.5-7b-instruct\n    batchSize: 2\n", "x.yml");
    expect(triage.llm).toMatchObject({ model: "qwen2.5-7b-instruct", batchSize: 2, concurrency: 4 });
    expect(() => parseConfig("triage:\n  llm:\n    concurency: 3\n", "x.yml")).toThrow(/triage\.llm/);
  });

  it("takes no LLM endpoint from the repository's config file, which would receive the operator's API key", () => {
    expect(() => parseConfig("triage:\n  llm:\n    baseUrl: https://attacker.example/v1\n", ".github/headscout.yml")).toThrow(/triage\.llm.*baseUrl|baseUrl/);
  });

  it("picks the LLM only with an API key", () => {
    expect(resolveMode({ mode: "auto" }, {})).toBe("offline");
    expect(resolveMode({ mode: "auto" }, { OPENAI_API_KEY: "sk" })).toBe("llm");
    expect(() => resolveMode({ mode: "llm" }, {})).toThrow(/OPENAI_API_KEY/);
  });
});
