import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { buildVocabulary } from "../../src/catalog/vocabulary.ts";
import { renderEntry } from "../../src/catalog/render.ts";
import { loadHeadRegistry } from "../../src/catalog/registry.ts";
import { insert } from "../../src/catalog/insert.ts";
import { lintCatalog } from "../../src/catalog/lint.ts";
import { loadVenueRegistry } from "../../src/catalog/venues.ts";
import { FORMATS, addedLines, newEntries, readFixture } from "./helpers.ts";

describe("parsing the three catalog formats", () => {
  it.each(FORMATS)("detects the %s fixture's format and reads its six papers without problems", (format) => {
    const doc = parseCatalog(readFixture(`${format}.md`));
    expect(doc.format).toBe(format);
    expect(doc.problems).toEqual([]);
    expect(doc.entries.map((e) => e.entry.title)).toEqual([
      "Not All Heads Matter: A Head-Level KV Cache Compression Method with Integrated Retrieval and Reasoning",
      "Retrieval Head Mechanistically Explains Long-Context Factuality",
      "Successor Heads: Recurring, Interpretable Attention Heads In The Wild",
      "Copy Suppression: Comprehensively Understanding an Attention Head",
      "In-context Learning and Induction Heads",
      "What Does BERT Look At? An Analysis of BERT's Attention",
    ]);
  });

  it("reads dates, sections, tags, links and identity keys from an HTML table", () => {
    const doc = parseCatalog(readFixture("html.md"));
    expect(doc.sections.map((s) => [s.title, s.entries.length])).toEqual([
      ["Year 2024", 2],
      ["Year 2023", 2],
      ["Before ChatGPT Announced", 2],
    ]);
    const copy = doc.entries[3]!.entry;
    expect(copy).toMatchObject({
      date: "2023-10-06",
      section: "Year 2023",
      tags: ["Copy Suppression Head"],
      links: [
        { kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2310.04625" },
        { kind: "demo", label: "Demo", url: "https://copy-suppression.streamlit.app/" },
      ],
      ids: { arxiv: "2310.04625" },
    });
    expect(copy.summary).toEqual({
      kind: "bullets",
      bullets: [
        "Explains GPT-2 Small's head L10H7, which lowers the logits of tokens that earlier layers copy from the context.",
        "Shows how this suppression makes the model better calibrated and explains part of self-repair.",
      ],
    });
    expect(doc.entries[5]!.entry).toMatchObject({ tags: ["Syntactic Head", "Delimiter Head"], ids: { acl: "W19-4828" }, section: "Before ChatGPT Announced" });
  });

  it("reads bullet, prose and empty summaries from markdown rows", () => {
    const doc = parseCatalog(readFixture("markdown.md"));
    expect(doc.entries[0]!.entry.summary.kind).toBe("bullets");
    expect(doc.entries[4]!.entry.summary).toEqual({ kind: "prose", text: "Argues that induction heads are the main source of in-context learning in transformers." });
    expect(doc.entries[5]!.entry.summary).toEqual({ kind: "none" });
    expect(doc.entries[2]!.entry.links[0]).toEqual({ kind: "paper", label: "ICLR", url: "https://openreview.net/forum?id=kvcbV8KQsi" });
  });

  it("reads a year but no date, and the venue as the paper link's label, from bullets", () => {
    const doc = parseCatalog(readFixture("bullets.md"));
    expect(doc.entries[4]!.entry).toMatchObject({
      date: "2022",
      links: [{ kind: "paper", label: "Transformer Circuits Thread" }],
      summary: { kind: "none" },
    });
    expect(doc.entries[0]!.entry.links[1]).toMatchObject({ kind: "code", url: "https://github.com/FYYFU/HeadKV" });
  });

  it("decodes badge escaping and folds aliases to canonical head names", () => {
    const text = [
      "| Date | Paper | Tags | Links |",
      "| --- | --- | --- | --- |",
      "| 2023-02-02 | **IOI** | ![](https://img.shields.io/badge/S--Inhibition%20Head-blue) ![](https://img.shields.io/badge/Previous_Head-blue) | [![Paper](https://img.shields.io/badge/ACL_Findings-Paper-%23D2691E)](https://aclanthology.org/2024.findings-acl.1/) |",
    ].join("\n");
    const doc = parseCatalog(text);
    expect(doc.entries[0]!.entry.tags).toEqual(["S-Inhibition Head", "Previous Token Head"]);
    expect(doc.entries[0]!.entry.links[0]!.label).toBe("ACL Findings");
    expect(doc.problems.map((p) => p.kind)).toEqual(["aliased-tag"]);
  });

  it("reports a row it cannot read with its line number and keeps reading the rest", () => {
    const text = [
      "| Date | Paper | Tags | Links |",
      "| --- | --- | --- | --- |",
      "| 2024-01-02 | no bold title here | | |",
      "| 2024-01-01 | **Fine** | ![](https://img.shields.io/badge/Induction_Head-blue) | |",
    ].join("\n");
    const doc = parseCatalog(text);
    expect(doc.entries).toHaveLength(1);
    expect(doc.problems).toEqual([expect.objectContaining({ line: 3, kind: "unparsable-row" })]);
  });

  it.each(FORMATS)("re-renders every %s row exactly as the document wrote it", (format) => {
    const doc = parseCatalog(readFixture(`${format}.md`));
    const vocab = buildVocabulary(doc.format, doc.entries, loadHeadRegistry());
    for (const e of doc.entries) {
      expect(renderEntry(e.entry, e.template, doc.format, vocab)).toBe(doc.lines.slice(e.start, e.end).join("\n"));
    }
  });
});

describe("a numeric character reference beyond U+10FFFF", () => {
  const html = readFixture("html.md")
    .replace("<strong>Retrieval Head Mechanistically", "<strong>&#x110000; Retrieval Head Mechanistically")
    .replace("• Compresses", "• &#99999999; Compresses");
  const line = (needle: string) => html.split("\n").findIndex((l) => l.includes(needle)) + 1;

  it("does not stop the parse: the text keeps it as written and the line is reported", () => {
    const doc = parseCatalog(html);
    expect(doc.entries).toHaveLength(6);
    expect(doc.entries[1]!.entry.title).toBe("&#x110000; Retrieval Head Mechanistically Explains Long-Context Factuality");
    expect(doc.problems).toEqual([
      { line: line("&#99999999;"), kind: "bad-character-reference", message: "&#99999999; is beyond U+10FFFF, the last Unicode code point; it is kept as written" },
      { line: line("&#x110000;"), kind: "bad-character-reference", message: "&#x110000; is beyond U+10FFFF, the last Unicode code point; it is kept as written" },
    ]);
  });

  it("leaves the row as it was when re-rendered or when papers are inserted around it", () => {
    const doc = parseCatalog(html);
    const vocab = buildVocabulary(doc.format, doc.entries, loadHeadRegistry());
    const row = doc.entries[1]!;
    expect(renderEntry(row.entry, row.template, doc.format, vocab)).toBe(doc.lines.slice(row.start, row.end).join("\n"));
    expect(addedLines(html, insert(html, newEntries()))).toBeDefined();
  });

  it("is a lint problem in a markdown table too", () => {
    const markdown = readFixture("markdown.md").replace("**Successor Heads", "**&#x110000;Successor Heads");
    expect(lintCatalog(parseCatalog(markdown), loadVenueRegistry()).map((p) => p.kind)).toEqual(["bad-character-reference"]);
  });
});
