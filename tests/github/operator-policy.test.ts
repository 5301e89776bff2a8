import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { applyOperatorPolicy, readOperatorPolicy } from "../../src/github/scan/operator-policy.ts";

describe("what the operator allows a repository", () => {
  it("keeps a repository to the operator's models, at the operator's prices", () => {
    const policy = readOperatorPolicy({ HEADSCOUT_LLM_MODELS: "gpt-5.4-mini=0.75/0.075/4.5, gpt-5.4=2.5/0.25/15" });
    const expensive = parseConfig("triage:\n  llm:\n    model: o9-ultra\n    pricePerMillionOutput: 0\n", "x.yml");
    const { config, notes } = applyOperatorPolicy(expensive, policy);
    expect(config.triage.llm).toMatchObject({ model: "gpt-5.4-mini", pricePerMillionOutput: 4.5 });
    expect(notes).toEqual(["triage.llm.model o9-ultra is not among the models this server allows: using gpt-5.4-mini"]);
    expect(applyOperatorPolicy(parseConfig("triage:\n  llm:\n    model: gpt-5.4\n", "x.yml"), policy).config.triage.llm).toMatchObject({ model: "gpt-5.4", pricePerMillionInput: 2.5 });
  });

  it("bounds the breadth of a repository's arXiv search", () => {
    const policy = readOperatorPolicy({ HEADSCOUT_MAX_ARXIV_RESULTS: "500", HEADSCOUT_MAX_ARXIV_PHRASES: "2" });
    const wide = parseConfig("sources:\n  arxiv:\n    maxResults: 30000\n    phrases: [a head, b head, c head]\n", "x.yml");
    const { config, notes } = applyOperatorPolicy(wide, policy);
    expect(config.sources.arxiv).toMatchObject({ maxResults: 500, phrases: ["a head", "b head"] });
    expect(notes).toHaveLength(2);
  });

  it("names a malformed setting", () => {
    expect(() => readOperatorPolicy({ HEADSCOUT_LLM_MODELS: "gpt-5.4-mini" })).toThrow(/HEADSCOUT_LLM_MODELS: 'gpt-5.4-mini' is not name=input\/cached\/output/);
  });
});
