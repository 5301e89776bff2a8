import { describe, expect, it } from "vitest";
import { DuplicateEntryError, insert } from "../../src/catalog/insert.ts";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { HeadscoutError } from "../../src/errors.ts";
import { FORMATS, addedLines, newEntries, readFixture } from "./helpers.ts";

const duo = () => newEntries()[1] as Record<string, unknown>;
const which = () => newEntries()[0] as Record<string, unknown>;

describe("insert", () => {
  it.each(FORMATS)("only adds lines to the %s fixture, and the added lines parse as the new entries", (format) => {
    const before = readFixture(`${format}.md`);
    const after = insert(before, newEntries());
    const added = addedLines(before, after);
    expect(added).toBeDefined();
    const doc = parseCatalog(after);
    expect(doc.problems).toEqual([]);
    expect(doc.entries).toHaveLength(8);
    // Every added line belongs to one of the two new entries or to the new year section.
    const newRows = doc.entries.filter((e) => /DuoAttention|Which Attention Heads/.test(e.entry.title));
    expect(newRows).toHaveLength(2);
    const rowLines = newRows.flatMap((e) => doc.lines.slice(e.start, e.end));
    for (const line of rowLines) expect(added).toContain(line);
  });

  it.each(["html", "markdown"] as const)("places entries by date, newest first, in the %s fixture", (format) => {
    const doc = parseCatalog(insert(readFixture(`${format}.md`), newEntries()));
    const titles = doc.entries.map((e) => e.entry.title.slice(0, 20));
    expect(titles.slice(0, 4)).toEqual(["Which Attention Head", "Not All Heads Matter", "DuoAttention: Effici", "Retrieval Head Mecha"]);
  });

  it("never copies a stray doubled <tr> into a new row (the real catalog had one from 2024-10-23), and leaves each stray where it was", () => {
    const clean = readFixture("html.md");
    // Every paper row opened twice, so that whichever neighbour the new row is styled on has a stray.
    const strayed = clean.replace(/^( *<tr>\n)(?= *<td rowspan="2")/gm, "$1$1");
    const strays = (text: string) => text.split("\n").filter((line, i, all) => /^\s*<tr>\s*$/.test(line) && /^\s*<tr\b/.test(all[i + 1] ?? "")).length;
    expect(strays(strayed)).toBe(parseCatalog(clean).entries.length);
    for (const entry of newEntries()) {
      const after = insert(strayed, [entry]);
      const count = (text: string, pattern: RegExp) => text.split("\n").filter((line) => pattern.test(line)).length;
      // As many lines, and as many <tr>, as the same insertion into the clean catalog; no new stray.
      const cleanAfter = insert(clean, [entry]);
      expect(addedLines(strayed, after)).toHaveLength(addedLines(clean, cleanAfter)!.length);
      expect(count(after, /^\s*<tr>\s*$/) - count(strayed, /^\s*<tr>\s*$/)).toBe(count(cleanAfter, /^\s*<tr>\s*$/) - count(clean, /^\s*<tr>\s*$/));
      expect(strays(after)).toBe(strays(strayed));
      expect(parseCatalog(after).problems).toEqual([]);
    }
  });

  it("places a bullet after the papers of its own year, which carry no dates to order by", () => {
    const doc = parseCatalog(insert(readFixture("bullets.md"), newEntries()));
    const titles = doc.entries.map((e) => e.entry.title.slice(0, 20));
    expect(titles.slice(0, 6)).toEqual(["Which Attention Head", "Not All Heads Matter", "Retrieval Head Mecha", "Successor Heads: Rec", "DuoAttention: Effici", "Copy Suppression: Co"]);
  });

  it("creates the first section of a new year with the heading and table header the document uses", () => {
    const after = insert(readFixture("html.md"), [which()]);
    const doc = parseCatalog(after);
    expect(doc.sections.map((s) => s.title)).toEqual(["Year 2025", "Year 2024", "Year 2023", "Before ChatGPT Announced"]);
    const lines = after.split("\n");
    const head = lines.indexOf("<strong>Year 2025</strong>");
    expect(lines.slice(head, head + 7)).toEqual([
      "<strong>Year 2025</strong>",
      '<table style="width: 100%;">',
      "  <tr>",
      "    <td><strong>Date</strong></td>",
      "    <td><strong>Paper & Summary</strong></td>",
      "    <td><strong>Tags</strong></td>",
      "    <td><strong>Links</strong></td>",
    ]);
    expect(doc.entries[0]!.entry).toMatchObject({ section: "Year 2025", date: "2025-02-19" });
    // The new section ends with its table and a blank line before the next section's heading.
    const next = lines.indexOf("<strong>Year 2024</strong>");
    expect(lines.slice(next - 2, next)).toEqual(["</table>", ""]);
  });

  it("creates a markdown year section with the same heading level and header", () => {
    const after = insert(readFixture("markdown.md"), [which()]);
    const lines = after.split("\n");
    const head = lines.indexOf("### Year 2025");
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 2]).toBe("| Date | Paper & Summary | Tags | Links |");
    expect(parseCatalog(after).entries[0]!.entry.section).toBe("Year 2025");
  });

  it("puts a bullet before the first entry of an older year", () => {
    const before = readFixture("bullets.md");
    const entry = { ...duo(), date: "2023-05-01", title: "A 2023 Paper About Heads", links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2305.00001" }] };
    const doc = parseCatalog(insert(before, [entry]));
    expect(doc.entries.map((e) => e.entry.date)).toEqual(["2024", "2024", "2024", "2023", "2023", "2022", "2019"]);
    expect(doc.entries[4]!.entry.title).toBe("A 2023 Paper About Heads");
  });

  it("files a paper from before ChatGPT's announcement under that heading", () => {
    const entry = { ...duo(), date: "2021-06-01", title: "An Old Paper About Heads", links: [{ kind: "paper", label: "ACL", url: "https://aclanthology.org/2021.acl-long.1/" }] };
    const doc = parseCatalog(insert(readFixture("html.md"), [entry]));
    const found = doc.entries.find((e) => e.entry.title === "An Old Paper About Heads")!;
    expect(found.entry.section).toBe("Before ChatGPT Announced");
    expect(doc.entries.indexOf(found)).toBe(5);
  });

  it("renders a new row in the style of its neighbours (indentation inside <details>)", () => {
    const entry = { ...duo(), date: "2020-01-01", title: "A Paper Inside Details" };
    const after = insert(readFixture("html.md"), [{ ...entry, links: [{ kind: "paper", label: "EMNLP", url: "https://aclanthology.org/2020.emnlp-main.1/" }] }]);
    const lines = after.split("\n");
    const i = lines.findIndex((l) => l.includes("A Paper Inside Details"));
    expect(lines[i - 1]).toBe('      <td rowspan="2" style="width: 15%;">2020-01-01</td>');
    expect(lines[i + 3]).toBe('        <a href="https://aclanthology.org/2020.emnlp-main.1/"><img src="https://img.shields.io/badge/EMNLP-Paper-%23D2691E" alt="Paper Badge"></a>');
  });

  it("spells tags the way the document does (%20 in an old catalog, the document's own slug for an alias)", () => {
    const old = readFixture("markdown.md").replace(/_Head-blue/g, "%20Head-blue").replace("Copy_Suppression%20Head", "Copy%20Suppression%20Head");
    const after = insert(old, [{ ...duo(), tags: ["Streaming Head", "S-Inhibition Head"] }]);
    const row = after.split("\n").find((l) => l.includes("DuoAttention"))!;
    expect(row).toContain("![](https://img.shields.io/badge/Streaming%20Head-blue) ![](https://img.shields.io/badge/S--Inhibition%20Head-blue)");
  });

  it("gives a new venue a paper badge without another venue's logo", () => {
    const after = insert(readFixture("markdown.md"), [{ ...duo(), links: [{ kind: "paper", label: "ACL Findings", url: "https://aclanthology.org/2024.findings-acl.9/" }] }]);
    expect(after).toContain("[![Paper](https://img.shields.io/badge/ACL_Findings-Paper-%23D2691E)](https://aclanthology.org/2024.findings-acl.9/)");
  });

  it("keeps two new papers of one date in the order given, after the papers already there", () => {
    const base = { ...duo(), date: "2024-04-24" };
    const a = { ...base, title: "First Same-Day Paper", links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2404.00001" }] };
    const b = { ...base, title: "Second Same-Day Paper", links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2404.00002" }] };
    const doc = parseCatalog(insert(readFixture("html.md"), [a, b]));
    expect(doc.entries.slice(1, 4).map((e) => e.entry.title)).toEqual([
      "Retrieval Head Mechanistically Explains Long-Context Factuality",
      "First Same-Day Paper",
      "Second Same-Day Paper",
    ]);
  });

  describe("refuses a paper the catalog already has", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["an arXiv id in another version and host", { links: [{ kind: "paper", label: "arXiv", url: "https://www.arxiv.org/abs/2404.15574v3" }] }, "arxiv"],
      ["an arXiv PDF link", { links: [{ kind: "paper", label: "arXiv", url: "http://arxiv.org/pdf/2310.04625v1.pdf" }] }, "arxiv"],
      ["an OpenReview id", { links: [{ kind: "paper", label: "ICLR", url: "https://openreview.net/pdf?id=kvcbV8KQsi" }] }, "openreview"],
      ["an ACL Anthology id", { links: [{ kind: "paper", label: "ACL", url: "https://aclanthology.org/W19-4828.pdf" }] }, "acl"],
      ["a normalised title", { title: "retrieval head — mechanistically explains long context factuality!", links: [] }, "title"],
    ];
    it.each(cases)("by %s", (_name, change, key) => {
      const entry = { ...duo(), ...change };
      for (const format of FORMATS) {
        const run = () => insert(readFixture(`${format}.md`), [entry]);
        expect(run).toThrow(DuplicateEntryError);
        expect(run).toThrow(new RegExp(`same ${key === "arxiv" ? "arXiv id" : key === "openreview" ? "OpenReview id" : key === "acl" ? "ACL Anthology id" : "normalised title"}`));
      }
    });

    it("by DOI", () => {
      const withDoi = { ...duo(), title: "A DOI Paper", links: [{ kind: "paper", label: "SIGIR", url: "https://dl.acm.org/doi/10.1145/3626772.3657819" }] };
      const once = insert(readFixture("html.md"), [withDoi]);
      const again = { ...withDoi, title: "Same DOI, Other Title", links: [{ kind: "paper", label: "SIGIR", url: "https://doi.org/10.1145/3626772.3657819" }] };
      expect(() => insert(once, [again])).toThrow(/same DOI: 10.1145\/3626772.3657819/);
    });

    it("twice in one batch, naming both", () => {
      expect(() => insert(readFixture("html.md"), [duo(), { ...duo(), title: "DuoAttention again" }])).toThrow(/among the new entries .*same arXiv id: 2410.10819/);
    });

    it("with the line of the entry it matched", () => {
      expect(() => insert(readFixture("html.md"), [{ ...duo(), links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2404.15574" }] }])).toThrow(
        /at line 32 as 'Retrieval Head Mechanistically Explains Long-Context Factuality'/,
      );
    });
  });

  it("refuses invalid entries with the field that is wrong", () => {
    const html = readFixture("html.md");
    expect(() => insert(html, [{ ...duo(), date: "14 Oct 2024" }])).toThrow(/new entry 1 is invalid: date/);
    expect(() => insert(html, [{ ...duo(), title: "" }])).toThrow(/title/);
    expect(() => insert(html, [{ ...duo(), date: "2024" }])).toThrow(/full YYYY-MM-DD date/);
    expect(() => insert(html, [{ ...duo(), links: [{ kind: "paper", label: "x", url: "javascript:alert(1)" }] }])).toThrow(HeadscoutError);
  });

  it("leaves a document unchanged when there is nothing to add", () => {
    const html = readFixture("html.md");
    expect(insert(html, [])).toBe(html);
  });
});

describe("insert keeps the document's line endings", () => {
  it.each(FORMATS)("writes CRLF rows into a CRLF %s catalog", (format) => {
    const crlf = readFixture(`${format}.md`).replace(/\n/g, "\r\n");
    const after = insert(crlf, newEntries());
    expect(addedLines(crlf, after)).toBeDefined();
    const lines = after.split("\n");
    expect(lines.slice(0, -1).every((l) => l.endsWith("\r"))).toBe(true);
    expect(parseCatalog(after).entries).toHaveLength(8);
  });
});
