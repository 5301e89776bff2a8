import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildArxivQueries, MAX_ARXIV_QUERY_LENGTH } from "../../src/sources/arxiv/build-query.ts";
import { compileArxivQuery, type SearchableRecord } from "../../src/sources/arxiv/evaluate-query.ts";
import { DEFAULT_ARXIV_COMBINATIONS, defaultArxivPhrases } from "../../src/sources/defaults.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";

const ALL_TIME = { from: new Date("1991-01-01T00:00:00Z"), to: new Date("2030-12-31T23:59:00Z") };

function defaultQueries(): string[] {
  return buildArxivQueries({ phrases: defaultArxivPhrases(), combinations: DEFAULT_ARXIV_COMBINATIONS, categories: [], window: ALL_TIME });
}

/** Whether arXiv would return the record for any of the queries. */
function matcher(queries: string[]): (record: SearchableRecord) => boolean {
  const predicates = queries.map(compileArxivQuery);
  return (record) => predicates.some((matches) => matches(record));
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

describe("the default arXiv query", () => {
  it("searches every head type of the registry plus 'attention head', within arXiv's query limits", () => {
    const phrases = defaultArxivPhrases();
    expect(phrases).toContain("attention head");
    expect(phrases).toContain("induction head");
    expect(phrases).toContain("mover head");
    // "name mover head" finds nothing "mover head" does not: sending it would only lengthen the query.
    expect(phrases).not.toContain("name mover head");
    const queries = defaultQueries();
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(MAX_ARXIV_QUERY_LENGTH);
    expect(queries.length).toBeLessThanOrEqual(8);
    const matches = matcher(queries);
    const submitted = "2026-06-01T10:00:00Z";
    expect(matches({ title: "Name Mover Heads Revisited", abstract: "", submitted })).toBe(true);
    expect(matches({ title: "On S-Inhibition Heads", abstract: "", submitted })).toBe(true);
    expect(matches({ title: "Crazy heads in Whisper", abstract: "Self-attention heads cause hallucination.", submitted })).toBe(true);
    expect(matches({ title: "Faster object detection", abstract: "A lighter backbone for YOLO.", submitted })).toBe(false);
  });
});

describe.skipIf(!hasShared)(`the default arXiv query on labelled papers (${hasShared ? "../shared/eval" : sharedMissingReason})`, () => {
  it("matches at least 98% of the relevant papers of papers.dev.jsonl, as arXiv would match them", () => {
    const papers = readJsonl<{ arxiv_id: string; title: string; abstract: string; published?: string | null; label: string }>(sharedPath("eval", "papers.dev.jsonl"));
    const relevant = papers.filter((p) => p.label === "relevant");
    const matches = matcher(defaultQueries());
    // The queries' window spans all of arXiv; a paper without a recorded date is inside it anyway.
    const missed = relevant
      .filter((p) => !matches({ title: p.title, abstract: p.abstract, submitted: p.published ?? "2020-01-01" }))
      .map((p) => p.arxiv_id);
    expect(relevant.length).toBeGreaterThan(20);
    expect(missed).toEqual([]); // 25 papers: a single miss would be 96%
    expect((relevant.length - missed.length) / relevant.length).toBeGreaterThanOrEqual(0.98);
  });

  it("finds the relevant papers of a recorded arXiv stream without flooding triage", () => {
    type StreamPaper = { id: string; day: string; title: string; abstract: string; categories: string[] };
    const stream = readJsonl<StreamPaper>(sharedPath("eval", "stream", "papers.jsonl"));
    const labels = readJsonl<{ id: string; label: string }>(sharedPath("eval", "stream", "labels.dev.jsonl"));
    const matches = matcher(defaultQueries());
    const found = new Set(
      stream.filter((p) => matches({ title: p.title, abstract: p.abstract, categories: p.categories, submitted: p.day })).map((p) => p.id),
    );
    const relevant = labels.filter((l) => l.label === "relevant").map((l) => l.id);
    expect(relevant.filter((id) => !found.has(id))).toEqual([]);
    const days = new Set(stream.map((p) => p.day)).size;
    // ~450 papers a day in the recording; the query passes a few percent of them on.
    expect(found.size / days).toBeLessThan(20);
  });
});

describe("compileArxivQuery", () => {
  const record = { title: "Successor Heads", abstract: "We find S-Inhibition heads in GPT-2.", categories: ["cs.CL", "cs.LG"], submitted: "2026-06-02T09:12:44Z" };

  it("matches phrases per field, folding plurals and hyphens as arXiv's analyser does", () => {
    expect(compileArxivQuery('ti:"successor head"')(record)).toBe(true);
    expect(compileArxivQuery('abs:"successor head"')(record)).toBe(false);
    expect(compileArxivQuery('abs:"s inhibition head"')(record)).toBe(true);
    expect(compileArxivQuery('abs:"inhibition heads gpt"')(record)).toBe(false);
    expect(compileArxivQuery("all:gpt")(record)).toBe(true);
  });

  it("evaluates boolean operators, categories and the submission window", () => {
    expect(compileArxivQuery('(ti:"successor head" OR abs:nothing) AND cat:cs.LG')(record)).toBe(true);
    expect(compileArxivQuery("ti:successor ANDNOT cat:cs.CL")(record)).toBe(false);
    expect(compileArxivQuery("ti:successor AND submittedDate:[202606020000 TO 202606022359]")(record)).toBe(true);
    expect(compileArxivQuery("ti:successor AND submittedDate:[202606030000 TO 202606032359]")(record)).toBe(false);
  });

  it("refuses AND and OR mixed without parentheses instead of guessing the precedence", () => {
    expect(() => compileArxivQuery("ti:a OR ti:b AND ti:c")).toThrow(/ambiguous/);
  });
});
