import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { loadHeadRegistry } from "../../src/catalog/registry.ts";
import { renderEntry } from "../../src/catalog/render.ts";
import { replayVersions, type ReplayReport } from "../../src/catalog/replay.ts";
import { buildVocabulary } from "../../src/catalog/vocabulary.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";

// The real catalog's 93 README versions live in ../shared beside the developers' checkout only.
const dir = sharedPath("catalog-history");
const files = hasShared ? readdirSync(dir).filter((f) => f.endsWith(".md")).sort() : [];
const read = (f: string) => readFileSync(`${dir}/${f}`, "utf8");

/** Paper rows counted without the parser: one `rowspan="2"` per HTML paper, one dated pipe row, one `* ` bullet. */
function countRows(text: string): number {
  const lines = text.split("\n");
  const html = lines.filter((l) => /rowspan="2"/.test(l)).length;
  const markdown = lines.filter((l) => /^\|\s*\d{4}-\d{2}-\d{2}\s*\|/.test(l)).length;
  const bullets = lines.filter((l) => /^\* /.test(l)).length;
  return html || markdown || bullets;
}

/** Whether a line can only belong to a paper row (or to the heading and header of a new section). */
function isRowLine(line: string): boolean {
  const t = line.trim();
  return (
    t === "" ||
    /^\|\s*\d{4}-\d{2}-\d{2}/.test(t) ||
    /^<\/?(tr|td|table|a|img)\b|^<\/td>|^<\/tr>|^<\/table>/.test(t) ||
    /^•/.test(t) ||
    /^<strong>Year \d{4}<\/strong>$/.test(t)
  );
}

/**
 * Commits whose diff only adds paper rows to a table, found with a plain line diff: every line of
 * the previous version is still there in order (a toggled byte-order mark aside), and every added
 * line is part of a table row.
 */
function tableAdditions(): string[] {
  const out: string[] = [];
  for (let i = 1; i < files.length; i++) {
    const prev = read(files[i - 1]!).replace(/^\uFEFF/, "").split("\n");
    const next = read(files[i]!).replace(/^\uFEFF/, "").split("\n");
    const added: string[] = [];
    let j = 0;
    for (const line of next) {
      if (j < prev.length && line === prev[j]) j++;
      else added.push(line);
    }
    if (j !== prev.length || added.length === 0 || countRows(next.join("\n")) <= countRows(prev.join("\n"))) continue;
    if (next.some((l) => /^\* /.test(l))) continue; // a bullet list is not a table
    // A bullet may wrap onto a line of its own (b7732b2's "with observations in pretrained LLMs.").
    const wrapped = (k: number) => k > 0 && /^•/.test(added[k - 1]!.trim()) && !/<br>$/.test(added[k - 1]!.trim());
    // Whole rows only: 07f8353 added a row and a stray `<tr>` with it.
    const opened = added.filter((l) => /^\s*<tr\b/.test(l)).length;
    const closed = added.filter((l) => /<\/tr>\s*$/.test(l)).length;
    if (opened === closed && added.every((line, k) => isRowLine(line) || wrapped(k))) out.push(files[i]!);
  }
  return out;
}

describe.skipIf(!hasShared)(`the real catalog history (${hasShared ? dir : sharedMissingReason})`, () => {
  it("has the 93 versions the tests are about", () => {
    expect(files).toHaveLength(93);
  });

  it.each(files)("parses %s with no errors into as many entries as it has paper rows", (file) => {
    const text = read(file);
    const doc = parseCatalog(text);
    expect(doc.problems.filter((p) => p.kind === "unparsable-row" || p.kind === "undecodable-badge")).toEqual([]);
    expect(doc.entries).toHaveLength(countRows(text));
    for (const e of doc.entries) expect(e.entry.tags.length).toBeGreaterThan(0);
  });

  it("uses the format the catalog had at each time", () => {
    const formats = files.map((f) => parseCatalog(read(f)).format);
    expect(formats.slice(1, 12).every((f) => f === "bullets")).toBe(true);
    expect(formats.slice(12, 70).every((f) => f === "markdown")).toBe(true);
    expect(formats.slice(70).every((f) => f === "html")).toBe(true);
  });

  it("re-renders every entry of every version exactly as its rows read", () => {
    const registry = loadHeadRegistry();
    let rows = 0;
    for (const file of files) {
      const doc = parseCatalog(read(file), { registry });
      const vocab = buildVocabulary(doc.format, doc.entries, registry);
      for (const e of doc.entries) {
        expect(renderEntry(e.entry, e.template, doc.format, vocab), `${file} line ${e.start + 1}`).toBe(doc.lines.slice(e.start, e.end).join("\n"));
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(3000);
  });

  it("knows every head tag the history uses", () => {
    for (const file of files) {
      expect(parseCatalog(read(file)).problems.filter((p) => p.kind === "unknown-tag"), file).toEqual([]);
    }
  });

  describe("replaying the pure additions", () => {
    let report: ReplayReport;
    const additions = hasShared ? tableAdditions() : [];

    it("finds the 22 commits that only added paper rows to a table, as the engine does", () => {
      report = replayVersions(files.map((name) => ({ name, text: read(name) })));
      expect(additions).toHaveLength(22);
      const engine = report.versions.filter((v) => v.addition && v.format !== "bullets").map((v) => v.name);
      expect(engine).toEqual(additions);
    });

    it("refuses the one addition whose new row reuses another paper's link", () => {
      // f12599b added 'Adaptively Sparse Transformers' with the ACL Anthology link of 'Analyzing
      // Multi-Head Self-Attention' (P19-1580); a later commit fixed it. By identity key it is a duplicate.
      const v = report.versions.find((x) => x.name === "015-2024-07-09-f12599b.md")!;
      expect(v.addition).toMatchObject({ reproduced: false, refused: expect.stringMatching(/Adaptively Sparse Transformers.*same ACL Anthology id: P19-1580/) });
      expect(report.summary.refused).toBe(1);
    });

    it("reproduces each of the other 21: the same entries in the same order (same-date ties either way), every previous line unchanged", () => {
      const results = report.versions.filter((v) => additions.includes(v.name) && v.name !== "015-2024-07-09-f12599b.md");
      expect(results).toHaveLength(21);
      for (const v of results) {
        expect(v.addition, v.name).toMatchObject({ reproduced: true, previousLinesKept: true, sameEntries: true });
      }
      const identical = results.filter((v) => v.addition!.byteIdentical).map((v) => v.name);
      const reasons = new Map<string, number>();
      for (const v of results) for (const d of new Set(v.addition!.differences.map((x) => x.kind))) reasons.set(d, (reasons.get(d) ?? 0) + 1);
      console.log(
        `replay: ${results.length} table additions reproduced, ${identical.length} byte-identical (${identical.join(", ")}); ` +
          `the others differ by: ${[...reasons].map(([k, n]) => `${k} ×${n}`).join(", ")}`,
      );
      expect(identical.length).toBeGreaterThanOrEqual(5);
    });

    it("also reproduces the additions to the bullet list", () => {
      const bullets = report.versions.filter((v) => v.addition && v.format === "bullets");
      expect(bullets.length).toBeGreaterThan(0);
      for (const v of bullets) expect(v.addition!.reproduced, v.name).toBe(true);
    });

    it("creates the Year 2025 section the way commit a992ea7 needed one", () => {
      const v = report.versions.find((x) => x.name === "093-2025-03-02-a992ea7.md")!;
      expect(v.addition).toMatchObject({ added: 12, reproduced: true });
    });
  });
});
