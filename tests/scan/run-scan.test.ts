import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadHeadRegistry } from "../../src/catalog/registry.ts";
import { diffInsertions } from "../../src/scan/diff-insertions.ts";
import { runScan, type ScanDeps } from "../../src/scan/run-scan.ts";
import { parsePapersFile } from "../../src/sources/read-papers-file.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { loadOfflineModel } from "../../src/triage/offline/model.ts";
import { triagePapers } from "../../src/triage/run.ts";
import { triageConfigSchema } from "../../src/triage/config.ts";
import { projectRoot } from "../helpers/shared.ts";

const registry = loadHeadRegistry();
const catalog = readFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), "utf8");
const recorded = parsePapersFile(
  readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8"),
  "sources-output.json",
);

/** The offline default, as a user without an API key runs it; `seen` records what reached triage. */
function offlineDeps(papers: readonly Paper[], seen: Paper[] = []): ScanDeps {
  const config = triageConfigSchema.parse({});
  const offlineModel = loadOfflineModel();
  return {
    registry,
    findPapers: async () => ({ papers: [...papers] }),
    triage: async (candidates) => {
      seen.push(...candidates);
      return triagePapers(candidates, { config, registry, mode: "offline", offlineModel });
    },
  };
}

const byId = (id: string) => recorded.find((p) => p.ids.arxiv === id)!;

describe("a scan", () => {
  it("never triages (or pays for) a paper the catalog already lists, whatever its version or retitling", async () => {
    const seen: Paper[] = [];
    // v3 of a listed paper, renamed since the catalog added it: only the arXiv id still matches.
    const renamedV3: Paper = { ...byId("2407.15891"), ids: { arxiv: "2410.19258", arxivVersion: 3 }, title: "Head-Level KV Cache Compression, Revisited" };
    const result = await runScan(catalog, offlineDeps([renamedV3], seen));
    expect(seen).toEqual([]);
    expect(result.known).toMatchObject([{ key: "arxiv", entryTitle: expect.stringMatching(/^Not All Heads Matter/) }]);
    expect(result.edit.document).toBe(catalog);
  });

  it("recognises a listed paper by its title when it arrives with a new id (an OpenReview-only record)", async () => {
    const seen: Paper[] = [];
    const successor = byId("2312.09230");
    const fromOpenReview: Paper = { ...successor, ids: { openreview: "kvcAbCdEf1" }, title: "Successor heads: recurring, interpretable attention heads in the wild", sources: ["openreview"] };
    const result = await runScan(catalog, offlineDeps([fromOpenReview], seen));
    expect(seen).toEqual([]);
    expect(result.known[0]?.key).toBe("title");
  });

  it("proposes the relevant new paper in its year section and changes no existing line", async () => {
    const result = await runScan(catalog, offlineDeps(recorded));
    expect(result.edit.inserted.map((d) => d.entry.title)).toEqual(["RazorAttention: Efficient KV Cache Compression Through Retrieval Heads"]);
    expect(result.edit.inserted[0]!.origin).toBe("offline");
    const after = result.edit.document.split("\n");
    const row = after.findIndex((l) => l.includes("<strong>RazorAttention"));
    // Between the 2024-10-25 and 2024-04-24 rows of "Year 2024".
    expect(row).toBeGreaterThan(after.findIndex((l) => l.includes("Not All Heads Matter")));
    expect(row).toBeLessThan(after.findIndex((l) => l.includes("Retrieval Head Mechanistically")));
    expect(result.insertions.reduce((n, b) => n + b.lines.length, 0)).toBe(after.length - catalog.split("\n").length);
    // Irrelevant papers (an architecture paper, crowds of people's heads, a detection head) stay out.
    expect(result.edit.document).not.toMatch(/Talking-Heads|Crowds|Detection Head/);
  });

  it("proposes nothing twice: a second scan over the written catalog finds every paper known", async () => {
    const first = await runScan(catalog, offlineDeps(recorded));
    const seen: Paper[] = [];
    const second = await runScan(first.edit.document, offlineDeps(recorded, seen));
    expect(second.edit.inserted).toEqual([]);
    expect(second.edit.document).toBe(first.edit.document);
    expect(seen.map((p) => p.ids.arxiv)).not.toContain("2407.15891");
  });

  it("reports a draft the catalog engine refuses and still inserts the others", async () => {
    const razor = byId("2407.15891");
    // The same paper posted twice under two arXiv ids: the second is a duplicate by title.
    const repost: Paper = { ...razor, ids: { arxiv: "2407.99999", arxivVersion: 1 }, links: { abstract: "https://arxiv.org/abs/2407.99999v1" } };
    const result = await runScan(catalog, offlineDeps([razor, repost]));
    expect(result.edit.inserted).toHaveLength(1);
    expect(result.edit.refused).toHaveLength(1);
    expect(result.edit.refused[0]!.reason).toMatch(/already in the catalog.*normalised title/);
  });
});

describe("diffInsertions", () => {
  it("lists the added blocks", () => {
    expect(diffInsertions("a\nb\nc", "a\nx\ny\nb\nc\nz")).toEqual([
      { line: 2, lines: ["x", "y"] },
      { line: 6, lines: ["z"] },
    ]);
  });

  it("shows an inserted HTML row from its <tr> to its </tr>, not shifted by the identical next row", () => {
    const before = ["<table>", "  <tr>", "    <td>old</td>", "  </tr>", "</table>"].join("\n");
    const after = ["<table>", "  <tr>", "    <td>new</td>", "  </tr>", "  <tr>", "    <td>old</td>", "  </tr>", "</table>"].join("\n");
    expect(diffInsertions(before, after)).toEqual([{ line: 2, lines: ["  <tr>", "    <td>new</td>", "  </tr>"] }]);
  });

  it("refuses an edit that changes or drops an existing line", () => {
    expect(() => diffInsertions("a\nb\nc", "a\nB\nc")).toThrow(/line 2 of the catalog would change or disappear/);
    expect(() => diffInsertions("a\nb\nc", "a\nb")).toThrow(/line 3/);
  });
});
