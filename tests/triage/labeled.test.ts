import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HeadscoutError } from "../../src/errors.ts";
import { loadLabeledStream, parseLabeledJsonl } from "../../src/triage/eval/labeled.ts";
import { computeScores } from "../../src/triage/eval/metrics.ts";
import { projectRoot } from "../helpers/shared.ts";

const fixtures = join(projectRoot, "tests", "fixtures", "papers");

describe("labelled sets", () => {
  it("reads the dev format into papers with labels and tags", () => {
    const set = parseLabeledJsonl(readFileSync(join(fixtures, "labeled.dev-format.jsonl"), "utf8"), "labeled.dev-format.jsonl");
    expect(set).toHaveLength(5);
    expect(set[0]).toMatchObject({ relevant: true, tags: ["Successor Head"], paper: { ids: { arxiv: "2312.09230" }, published: "2023-12-14" } });
  });

  it("joins a stream folder: only labelled days, unlisted papers of those days irrelevant", async () => {
    const set = await loadLabeledStream(join(fixtures, "stream"));
    expect(set.map((x) => [x.paper.ids.arxiv, x.relevant])).toEqual([
      ["2312.09230", true],
      ["2003.02436", false],
      ["2503.12168", false],
      ["2401.00001", false],
    ]);
  });

  it("names the file and line of a bad row", () => {
    expect(() => parseLabeledJsonl('{"title": "x"}\n', "bad.jsonl")).toThrow(HeadscoutError);
    expect(() => parseLabeledJsonl('\n{"title": "x"}\n', "bad.jsonl")).toThrow(/bad\.jsonl line 2/);
  });

  it("scores predictions", () => {
    const s = computeScores([
      { gold: true, predicted: true },
      { gold: true, predicted: false },
      { gold: false, predicted: true },
      { gold: false, predicted: false },
    ]);
    expect([s.precision, s.recall, s.f1]).toEqual([0.5, 0.5, 0.5]);
  });
});
