import { describe, expect, it } from "vitest";
import { lintCatalog } from "../../src/catalog/lint.ts";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { loadVenueRegistry } from "../../src/catalog/venues.ts";
import { FORMATS, readFixture } from "./helpers.ts";

const lint = (text: string) => lintCatalog(parseCatalog(text), loadVenueRegistry());

describe("lint", () => {
  it.each(FORMATS)("finds nothing wrong with the %s fixture", (format) => {
    expect(lint(readFixture(`${format}.md`))).toEqual([]);
  });

  it("reports each kind of problem with its line", () => {
    const html = readFixture("markdown.md").split("\n");
    const at = (needle: string) => html.findIndex((l) => l.includes(needle));
    // Dates out of order: move the older Retrieval Head row above Not All Heads Matter.
    const retrieval = at("Retrieval Head Mechanistically");
    const [row] = html.splice(retrieval, 1);
    html.splice(at("Not All Heads Matter"), 0, row!);
    // A duplicate paper, an unknown tag, an alias tag, an aliased venue, a broken badge, an unreadable row.
    const successor = at("Successor Heads");
    html.splice(
      successor,
      0,
      "| 2023-12-20 | **Successor Heads: recurring, interpretable attention heads in the wild** | ![](https://img.shields.io/badge/Successor_Head-blue) | |",
      "| 2023-12-19 | **A Made-Up Paper** | ![](https://img.shields.io/badge/Wobble_Head-blue) ![](https://img.shields.io/badge/Previous_Head-blue) | [![Paper](https://img.shields.io/badge/NIPS-Paper-%23D2691E)](https://openreview.net/forum?id=abc) |",
      "| 2023-12-18 | **Bad Badge** | ![](https://img.shields.io/badge/Bad%ZZ-blue) | |",
      "| 2023-12-17 | the title is not bold | | |",
    );
    const problems = lint(html.join("\n"));
    const kinds = problems.map((p) => `${p.line}:${p.kind}`);
    // Lines are 1-based; the newer row that now follows the older one, and the later copy of a paper, are the ones reported.
    expect(kinds).toEqual([
      `${retrieval + 1}:date-order`,
      `${successor + 2}:unknown-tag`,
      `${successor + 2}:aliased-tag`,
      `${successor + 2}:aliased-venue`,
      `${successor + 3}:undecodable-badge`,
      `${successor + 4}:unparsable-row`,
      `${successor + 5}:duplicate`,
    ]);
    expect(problems.find((p) => p.kind === "aliased-venue")!.message).toBe("venue 'NIPS' is an alias of 'NeurIPS'");
    expect(problems.find((p) => p.kind === "aliased-tag")!.message).toMatch(/'Previous Head' is an alias of 'Previous Token Head'/);
  });

  it("reports a paper filed under the wrong year", () => {
    const text = readFixture("markdown.md").replace("| 2023-10-06 |", "| 2022-10-06 |");
    expect(lint(text).map((p) => p.kind)).toEqual(["date-order"]);
  });
});
