// Parse, insert and lint on a generated catalog of 10,000 entries in each table format. Targets:
// parse + insert ≤ 300 ms (an insert parses the catalog first), lint ≤ 500 ms (parse + lint, as
// `catalog lint` does).
import { performance } from "node:perf_hooks";
import { insert } from "../src/catalog/insert.ts";
import { lintCatalog } from "../src/catalog/lint.ts";
import { parseCatalog } from "../src/catalog/parse.ts";
import { loadHeadRegistry } from "../src/catalog/registry.ts";
import { loadVenueRegistry } from "../src/catalog/venues.ts";
import { figure, targetNote, type Figure } from "./figures.ts";

const INSERT_TARGET_MS = 300;
const LINT_TARGET_MS = 500;

const HEADS = ["Induction_Head", "Retrieval_Head", "Name_Mover_Head", "Copy_Suppression_Head", "Successor_Head"];

function dateFor(i: number): string {
  // Newest first: one paper per day going back from the end of 2025.
  const d = new Date(Date.UTC(2025, 11, 31) - i * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function htmlRow(i: number): string[] {
  const head = HEADS[i % HEADS.length]!;
  return [
    "  <tr>",
    `    <td rowspan="2" style="width: 15%;">${dateFor(i)}</td>`,
    `    <td style="width: 55%;"><strong>Generated Paper ${i} on Attention Heads</strong></td>`,
    `    <td style="width: 15%;"><img src="https://img.shields.io/badge/${head}-blue" alt="${head.replace(/_/g, " ")} Badge"></td>`,
    '    <td style="width: 15%;">',
    `      <a href="https://arxiv.org/abs/9${String(i).padStart(3, "0").slice(-3)}.${String(i).padStart(5, "0")}"><img src="https://img.shields.io/badge/arXiv-Paper-%23D2691E?logo=arxiv" alt="Paper Badge"></a>`,
    "    </td>",
    "  </tr>",
    "  <tr>",
    '    <td colspan="3">',
    `      • Finding one of paper ${i}.<br>`,
    `      • Finding two of paper ${i}.`,
    "    </td>",
    "  </tr>",
  ];
}

export function generateHtml(n: number): string {
  const out = ["# Generated catalog", ""];
  let year = "";
  for (let i = 0; i < n; i++) {
    const y = dateFor(i).slice(0, 4);
    if (y !== year) {
      if (year) out.push("</table>", "");
      year = y;
      out.push(`<strong>Year ${y}</strong>`, '<table style="width: 100%;">', "  <tr>", "    <td><strong>Date</strong></td>", "    <td><strong>Paper & Summary</strong></td>", "    <td><strong>Tags</strong></td>", "    <td><strong>Links</strong></td>", "  </tr>");
    }
    out.push(...htmlRow(i));
  }
  out.push("</table>", "");
  return out.join("\n");
}

export function generateMarkdown(n: number): string {
  const out = ["# Generated catalog", ""];
  let year = "";
  for (let i = 0; i < n; i++) {
    const y = dateFor(i).slice(0, 4);
    if (y !== year) {
      year = y;
      out.push("", `### Year ${y}`, "", "| Date | Paper & Summary | Tags | Links |", "| --- | --- | --- | --- |");
    }
    const head = HEADS[i % HEADS.length]!;
    out.push(
      `| ${dateFor(i)} | **Generated Paper ${i} on Attention Heads**<br><sub>&nbsp;&nbsp;• Finding one.<br>&nbsp;&nbsp;• Finding two.</sub> | ![](https://img.shields.io/badge/${head}-blue) | [![Paper](https://img.shields.io/badge/arXiv-Paper-%23D2691E?logo=arxiv)](https://arxiv.org/abs/9${String(i).padStart(3, "0").slice(-3)}.${String(i).padStart(5, "0")}) |`,
    );
  }
  return `${out.join("\n")}\n`;
}

const NEW = [
  { date: "2024-06-15", title: "A New Paper About Retrieval Heads", summary: { kind: "bullets", bullets: ["One.", "Two."] }, tags: ["Retrieval Head"], links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2406.99999" }] },
  { date: "2026-01-02", title: "A Paper From A New Year", summary: { kind: "prose", text: "It opens a section." }, tags: ["Induction Head"], links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2601.99999" }] },
];

/**
 * The first (cold) call, then the median and best of steady-state runs: V8 needs several calls
 * to finish optimising and sizing its heap, and a long-running app parses many times.
 */
function time(fn: () => unknown, warmup = 5, runs = 11): { first: number; median: number; best: number } {
  const start = performance.now();
  fn();
  const first = performance.now() - start;
  for (let i = 1; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { first, median: times[Math.floor(runs / 2)]!, best: times[0]! };
}

/** A figure beside its target: `412 ms (target ≤ 500 ms: met)`. */
export function showTarget(ms: number, targetMs: number): string {
  return `${ms.toFixed(0)} ms (target ≤ ${targetMs.toLocaleString("en")} ms: ${ms <= targetMs ? "met" : "NOT met"})`;
}

type Timing = { first: number; median: number; best: number };

function show(t: Timing, targetMs?: number): string {
  const median = targetMs === undefined ? `${t.median.toFixed(0)} ms` : showTarget(t.median, targetMs);
  return `${median} median, ${t.best.toFixed(0)} ms best, ${t.first.toFixed(0)} ms first call`;
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const registry = loadHeadRegistry();
  const venues = loadVenueRegistry();
  for (const [format, text] of [["html", generateHtml(10_000)], ["markdown", generateMarkdown(10_000)]] as const) {
    const doc = parseCatalog(text, { registry });
    if (doc.entries.length !== 10_000 || doc.problems.length > 0) throw new Error(`generated ${format} catalog did not parse cleanly`);
    const parseMs = time(() => parseCatalog(text, { registry }));
    const insertMs = time(() => insert(text, NEW, { registry }));
    const lintMs = time(() => lintCatalog(parseCatalog(text, { registry }), venues));
    console.log(`${format} catalog of 10,000 entries, ${(text.length / 1e6).toFixed(1)} MB:`);
    console.log(`  parse              ${show(parseMs)}`);
    console.log(`  parse + insert 2   ${show(insertMs, INSERT_TARGET_MS)}`);
    console.log(`  parse + lint       ${show(lintMs, LINT_TARGET_MS)}`);
    const of = `${format} catalog of 10,000 entries`;
    figures.push(
      figure(`parse, ${of} (median)`, parseMs.median, "ms", `first call ${parseMs.first.toFixed(0)} ms`),
      figure(`parse + insert 2, ${of} (median)`, insertMs.median, "ms", targetNote(insertMs.median, INSERT_TARGET_MS, "ms")),
      figure(`parse + lint, ${of} (median)`, lintMs.median, "ms", targetNote(lintMs.median, LINT_TARGET_MS, "ms")),
    );
  }
  return figures;
}
