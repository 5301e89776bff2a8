import { describe, expect, it } from "vitest";
import { buildArxivQueries, formatArxivDate } from "../../src/sources/arxiv/build-query.ts";
import { compileArxivQuery } from "../../src/sources/arxiv/evaluate-query.ts";
import { JUNE_WINDOW } from "./helpers.ts";

describe("buildArxivQueries", () => {
  it("writes the window in GMT to the minute", () => {
    expect(formatArxivDate(new Date("2026-06-01T00:00:00Z"))).toBe("202606010000");
    expect(formatArxivDate(new Date("2026-12-31T23:59:00+00:00"))).toBe("202612312359");
  });

  it("searches phrases in title and abstract, combinations as pairs, limited to categories", () => {
    const queries = buildArxivQueries({
      phrases: ["attention head", "induction head"],
      combinations: [{ anyOf: ["circuit"], withAnyOf: ["language model", "LLM"] }],
      categories: ["cs.CL", "cs.LG"],
      window: JUNE_WINDOW,
    });
    expect(queries).toEqual([
      '(ti:"attention head" OR abs:"attention head" OR ti:"induction head" OR abs:"induction head") AND submittedDate:[202606010000 TO 202606022359] AND (cat:cs.CL OR cat:cs.LG)',
      '((ti:"circuit" OR abs:"circuit") AND (ti:"language model" OR abs:"language model" OR ti:"LLM" OR abs:"LLM")) AND submittedDate:[202606010000 TO 202606022359] AND (cat:cs.CL OR cat:cs.LG)',
    ]);
    // The combination needs both halves, in title or abstract.
    const combination = compileArxivQuery(queries[1]!);
    const base = { categories: ["cs.CL"], submitted: "2026-06-02T10:00:00Z" };
    expect(combination({ ...base, title: "A circuit for addition", abstract: "We study LLMs." })).toBe(true);
    expect(combination({ ...base, title: "A circuit for addition", abstract: "We study analog chips." })).toBe(false);
    expect(combination({ ...base, categories: ["eess.SY"], title: "A circuit for addition", abstract: "We study LLMs." })).toBe(false);
  });

  it("splits phrases over several queries, each under the limit, losing none", () => {
    const phrases = Array.from({ length: 30 }, (_, i) => `phrase ${i} head`);
    const queries = buildArxivQueries({ phrases, combinations: [], categories: [], window: JUNE_WINDOW }, 400);
    expect(queries.length).toBeGreaterThan(2);
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(400);
    const predicates = queries.map(compileArxivQuery);
    for (const phrase of phrases) {
      const record = { title: phrase, abstract: "", submitted: "2026-06-01T12:00:00Z" };
      expect(predicates.filter((matches) => matches(record))).toHaveLength(1);
    }
  });

  it("drops quotes and parentheses from a phrase rather than sending a broken query", () => {
    const [query] = buildArxivQueries({ phrases: ['the "copy" (suppression) head'], combinations: [], categories: [], window: JUNE_WINDOW });
    expect(query).toContain('ti:"the copy suppression head"');
  });
});
