// Parse throughput and peak memory for a 20,000-entry arXiv Atom feed (targets: < 2 s, < 300 MB).
// The parse runs in a child process so that its peak RSS is its own, not the bench runner's.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArxivFeed } from "../src/sources/arxiv/parse-atom.ts";
import { figure, type Figure } from "./figures.ts";

const ENTRIES = 20_000;
const here = dirname(fileURLToPath(import.meta.url));

/** A feed in the current export-API layout, entries varied the way real ones are. */
export function generateAtomFeed(entries: number): string {
  const parts = [
    `<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n`,
    `  <id>https://arxiv.org/api/bench</id>\n  <title>arXiv Query: search_query=all:attention&amp;id_list=&amp;start=0&amp;max_results=${entries}</title>\n`,
    `  <updated>2026-06-03T00:00:00Z</updated>\n  <opensearch:itemsPerPage>${entries}</opensearch:itemsPerPage>\n`,
    `  <opensearch:totalResults>${entries}</opensearch:totalResults>\n  <opensearch:startIndex>0</opensearch:startIndex>\n`,
  ];
  for (let i = 0; i < entries; i++) {
    const id = `26${String(1 + (i % 12)).padStart(2, "0")}.${String(10000 + i).padStart(5, "0")}`;
    const authors = Array.from({ length: 1 + (i % 9) }, (_, a) => `    <author>\n      <name>Author ${a} Surname${i}</name>\n    </author>\n`).join("");
    parts.push(
      `  <entry>\n    <id>http://arxiv.org/abs/${id}v${1 + (i % 3)}</id>\n`,
      `    <title>Attention Heads of Kind ${i}: A Study of\n  $\\mathcal{H}_{${i}}$ in Transformers</title>\n`,
      `    <updated>2026-06-02T10:00:00Z</updated>\n`,
      `    <link href="https://arxiv.org/abs/${id}v1" rel="alternate" type="text/html"/>\n`,
      `    <link href="https://arxiv.org/pdf/${id}v1" rel="related" type="application/pdf" title="pdf"/>\n`,
      `    <summary>${"We identify attention heads that copy tokens &amp; suppress repeats in language models. ".repeat(1 + (i % 12))}</summary>\n`,
      `    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>\n    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>\n`,
      `    <published>2026-06-0${1 + (i % 2)}T0${i % 10}:00:00Z</published>\n`,
      i % 3 === 0 ? `    <arxiv:comment>${10 + (i % 30)} pages, ${i % 9} figures</arxiv:comment>\n` : "",
      `    <arxiv:primary_category term="cs.CL"/>\n`,
      authors,
      i % 5 === 0 ? `    <arxiv:doi>10.1234/bench.${i}</arxiv:doi>\n    <link rel="related" href="https://doi.org/10.1234/bench.${i}" title="doi"/>\n` : "",
      `  </entry>\n`,
    );
  }
  parts.push("</feed>\n");
  return parts.join("");
}

async function child(): Promise<void> {
  const xml = generateAtomFeed(ENTRIES);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const times: number[] = [];
  let papers = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    papers = parseArxivFeed(xml, "bench feed").papers.length;
    times.push(performance.now() - start);
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ bytes: xml.length, papers, times, rssBeforeMb, peakMb }));
}

export async function run(): Promise<Figure[]> {
  const result = spawnSync(process.execPath, [join(here, "..", "bin", "run-ts.js"), join(here, "sources.bench.ts")], {
    env: { ...process.env, HEADSCOUT_SOURCES_BENCH_CHILD: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`sources bench child failed: ${result.stderr}`);
  const r = JSON.parse(result.stdout) as { bytes: number; papers: number; times: number[]; rssBeforeMb: number; peakMb: number };
  const [first, ...rest] = r.times;
  const best = Math.min(...r.times);
  console.log(`feed: ${ENTRIES} entries, ${(r.bytes / 2 ** 20).toFixed(1)} MB of XML → ${r.papers} papers`);
  console.log(`parse: first ${first!.toFixed(0)} ms, best of ${r.times.length} ${best.toFixed(0)} ms (${Math.round(ENTRIES / (best / 1000))} entries/s) — target < 2000 ms ${first! < 2000 ? "✓" : "✗"}`);
  console.log(`memory: RSS ${r.rssBeforeMb.toFixed(0)} MB with the feed in memory, peak ${r.peakMb.toFixed(0)} MB over ${1 + rest.length} parses (child process maxRSS) — target < 300 MB ${r.peakMb < 300 ? "✓" : "✗"}`);
  const of = `Atom feed of ${ENTRIES.toLocaleString("en")} entries (${(r.bytes / 2 ** 20).toFixed(1)} MB)`;
  return [
    figure(`parse, ${of}, first call`, first!, "ms", `target < 2,000 ms: ${first! < 2000 ? "met" : "NOT met"}`),
    figure(`parse throughput, best of ${r.times.length}`, ENTRIES / (best / 1000), "entries/s"),
    figure(`peak RSS parsing the ${of}`, r.peakMb, "MB", `child process maxRSS; target < 300 MB: ${r.peakMb < 300 ? "met" : "NOT met"}`),
  ];
}

if (process.env.HEADSCOUT_SOURCES_BENCH_CHILD === "1") await child();
