// `npm run example [-- DIR]`: writes docs/example/ (or DIR) — what headscout proposes for a real
// catalog, produced by running `headscout scan --papers … --out …` the way a user runs it.
//
// The catalog is the real Awesome-Attention-Heads README as it was on 2024-11-07
// (../shared/catalog-history, read in place: a temporary folder holds only a symlink to it named
// README.md, so the scan shows it under the name the app would). The papers are real ones with
// their real abstracts (../shared/eval/papers.dev.jsonl): one the maintainers added by hand nine days
// later, one the catalog already lists, and two near misses about attention heads as architecture.
// Triage runs on the offline default: no OPENAI_API_KEY reaches the scan, so it costs nothing and
// needs no network. tests/docs/example.test.ts runs this again and compares.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseCatalog } from "../src/catalog/parse.ts";
import type { ParsedEntry } from "../src/catalog/document.ts";
import { packageRoot } from "../src/paths.ts";
import { diffInsertions } from "../src/scan/diff-insertions.ts";
import type { Paper } from "../src/sources/paper.ts";

const shared = resolve(packageRoot, "..", "shared");
/** The catalog as it was before the paper below was added, and the version that added it. */
const CATALOG = { file: "084-2024-11-07-ce4ad92.md", commit: "ce4ad92714e86fa7500c34070521c5a6aa52206c", date: "2024-11-07" };
const NEXT = { file: "085-2024-11-16-9eb8eac.md", commit: "9eb8eac2e76656eed69dc85519f84198c0cdb1f5", date: "2024-11-16" };
/** The papers the scan is given, in this order, with why each is there. */
const PAPERS: { arxiv: string; why: string }[] = [
  { arxiv: "2411.00348", why: "new: the maintainers added it by hand on 2024-11-16" },
  { arxiv: "2404.15574", why: "already listed in this version of the catalog" },
  { arxiv: "2404.14469", why: "a near miss: KV-cache compression that works per attention head, but names no head type" },
  { arxiv: "2210.05144", why: "a near miss: \"attention heads\" as an architecture (mixture of heads)" },
];
const REPO = "https://github.com/IAAR-Shanghai/Awesome-Attention-Heads";

const target = resolve(process.argv[2] ?? join(packageRoot, "docs", "example"));
if (!existsSync(shared)) {
  console.error(`write-example: ${shared} is absent; the example is built from the real catalog history and papers there`);
  process.exit(1);
}

interface DevRow {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  published: string | null;
  primary_category: string | null;
  label: string;
}
const devFile = join(shared, "eval", "papers.dev.jsonl");
const dev = readFileSync(devFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as DevRow);
const rows = PAPERS.map(({ arxiv }) => {
  const row = dev.find((d) => d.arxiv_id === arxiv);
  if (!row?.published) throw new Error(`${devFile} has no dated paper ${arxiv}`);
  return row;
});
// What `headscout sources` would have found: the source's metadata, with the abstract as written.
const papers: Paper[] = rows.map((row) => ({
  ids: { arxiv: row.arxiv_id },
  title: row.title,
  abstract: row.abstract,
  authors: row.authors,
  published: row.published!,
  categories: row.primary_category ? [row.primary_category] : [],
  links: { abstract: `https://arxiv.org/abs/${row.arxiv_id}` },
  sources: ["arxiv"],
}));

const catalogFile = join(shared, "catalog-history", CATALOG.file);
const work = mkdtempSync(join(tmpdir(), "headscout-example-"));
try {
  symlinkSync(catalogFile, join(work, "README.md"));
  writeFileSync(join(work, "papers.json"), `${JSON.stringify({ papers }, null, 2)}\n`);
  const args = ["scan", "--catalog", "README.md", "--papers", "papers.json", "--out", "out"];
  // Nothing of this machine's environment: no API key (the offline default), no OpenReview login.
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? work };
  const run = spawnSync(process.execPath, [join(packageRoot, "bin", "headscout.js"), ...args], { cwd: work, env, encoding: "utf8", timeout: 120_000 });
  if (run.status !== 0) {
    console.error(`write-example: headscout ${args.join(" ")} exited ${run.status ?? run.signal}:\n${run.stderr}`);
    process.exit(1);
  }
  const out = join(work, "out");
  const before = readFileSync(catalogFile, "utf8");
  const after = readFileSync(join(out, "README.md"), "utf8");
  const body = readFileSync(join(out, "pull-request.md"), "utf8");
  const report = readFileSync(join(out, "report.txt"), "utf8");

  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "pull-request.md"), body);
  writeFileSync(join(target, "catalog.diff"), unifiedDiff(before, after, "README.md"));
  writeFileSync(join(target, "report.txt"), report);
  writeFileSync(join(target, "README.md"), describe(before, after, args));
  console.log(`wrote README.md, pull-request.md, catalog.diff, report.txt to ${relative(process.cwd(), target) || target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * A unified diff (three lines of context) of a catalog edit. headscout's edits only insert lines,
 * and diffInsertions throws if this one did anything else, so the hunks hold `+` and context lines.
 */
function unifiedDiff(oldText: string, newText: string, name: string): string {
  const lines = newText.split("\n");
  if (newText.endsWith("\n")) lines.pop();
  if (!oldText.endsWith("\n") || !newText.endsWith("\n")) throw new Error("expected both catalogs to end with a newline");
  const added = new Set<number>();
  for (const block of diffInsertions(oldText, newText)) block.lines.forEach((_, k) => added.add(block.line - 1 + k));
  // Hunks: each run of added lines with three lines either side, merged where they touch.
  const ranges: [number, number][] = [];
  for (const i of [...added].sort((a, b) => a - b)) {
    const start = Math.max(0, i - 3);
    const end = Math.min(lines.length, i + 4);
    const last = ranges.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const out = [`--- a/${name}`, `+++ b/${name}`];
  for (const [start, end] of ranges) {
    let oldBefore = 0;
    for (let i = 0; i < start; i++) if (!added.has(i)) oldBefore++;
    const body = lines.slice(start, end).map((line, k) => `${added.has(start + k) ? "+" : " "}${line}`);
    const oldCount = body.filter((l) => l.startsWith(" ")).length;
    out.push(`@@ -${oldBefore + 1},${oldCount} +${start + 1},${end - start} @@`, ...body);
  }
  return `${out.join("\n")}\n`;
}

/** docs/example/README.md: what the example is, how it was made, and how it compares with the maintainers' row. */
function describe(before: string, after: string, args: string[]): string {
  const proposed = parseCatalog(after).entries.filter((e) => !parseCatalog(before).entries.some((b) => b.entry.ids?.arxiv === e.entry.ids?.arxiv));
  const byHand = parseCatalog(readFileSync(join(shared, "catalog-history", NEXT.file), "utf8")).entries;
  const comparison = proposed.map((p) => compare(p, byHand.find((h) => h.entry.ids?.arxiv === p.entry.ids?.arxiv)));
  const paperLines = rows.map((row, i) => `| [${row.arxiv_id}](https://arxiv.org/abs/${row.arxiv_id}) | ${row.title} | ${row.label} | ${PAPERS[i]!.why} |`);
  return `<!-- Generated by \`npm run example\` (scripts/write-example.ts); tests/docs/example.test.ts checks it is current. -->
# A real example

What headscout proposes for the real [Awesome-Attention-Heads](${REPO}) catalog, produced by the
tool itself:

- **The catalog**: its \`README.md\` as of ${CATALOG.date} ([${CATALOG.commit.slice(0, 7)}](${REPO}/blob/${CATALOG.commit}/README.md)), in the
  HTML-table format it has used since September 2024.
- **The papers**: four real arXiv papers, with their titles, authors and abstracts from
  \`../shared/eval/papers.dev.jsonl\` (an evaluation set labelled by the catalog's rule), in the shape
  \`headscout sources\` prints:

| arXiv | title | label | why it is here |
|---|---|---|---|
${paperLines.join("\n")}

- **The command**, in a folder holding that catalog as \`README.md\` and the papers as \`papers.json\`,
  with no \`OPENAI_API_KEY\` (the offline default: no LLM, no network, no cost):

  \`\`\`sh
  npx headscout ${args.join(" ")}
  \`\`\`

What it wrote, unchanged:

- [\`pull-request.md\`](pull-request.md): the pull request body, exactly as the GitHub App would post it;
- [\`catalog.diff\`](catalog.diff): the catalog before and after, as a unified diff (the edit only inserts lines);
- [\`report.txt\`](report.txt): what the command printed.

## Against the maintainers' own row

The maintainers added the new paper by hand on ${NEXT.date} ([${NEXT.commit.slice(0, 7)}](${REPO}/commit/${NEXT.commit})). headscout's draft, field by field:

${comparison.join("\n\n")}

Regenerate with \`npm run example\` (it needs \`../shared\`, the real catalog history and papers beside
the checkout); the test fails when the tool's output and these files part.
`;
}

function compare(proposed: ParsedEntry, byHand: ParsedEntry | undefined): string {
  const p = proposed.entry;
  const title = `**${p.title}**`;
  if (!byHand) return `${title}: the maintainers' next version does not list it.`;
  const h = byHand.entry;
  const same = (a: string, b: string) => (a === b ? `same (${a || "none"})` : `headscout ${a || "none"}, the maintainers ${b || "none"}`);
  const bullets = (e: typeof p) => (e.summary.kind === "bullets" ? e.summary.bullets : e.summary.kind === "prose" ? [e.summary.text] : []);
  return [
    `${title}`,
    "",
    `- date: ${same(p.date, h.date)}`,
    `- title: ${p.title === h.title ? "same" : `headscout "${p.title}", the maintainers "${h.title}"`}`,
    `- tags: ${same(p.tags.join(", "), h.tags.join(", "))}`,
    `- paper link: ${same(p.links.find((l) => l.kind === "paper")?.url ?? "", h.links.find((l) => l.kind === "paper")?.url ?? "")}`,
    `- summary: headscout's offline draft takes three sentences from the abstract; the maintainers wrote their own:`,
    "",
    "  | headscout (offline draft) | the maintainers |",
    "  |---|---|",
    ...zip(bullets(p), bullets(h)).map(([a, b]) => `  | ${cell(a)} | ${cell(b)} |`),
  ].join("\n");
}

function zip(a: string[], b: string[]): [string, string][] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i] ?? "", b[i] ?? ""]);
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}
