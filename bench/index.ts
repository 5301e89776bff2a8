// `npm run bench [FILTER] [-- --out FILE]`: runs every bench/*.bench.ts (or the one named FILTER,
// else those whose name contains it) in turn, each printing its figures as it goes, then prints every figure in one
// markdown table (and writes that table to FILE with --out).
import { readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { renderTable, type Figure } from "./figures.ts";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : undefined;
if (outAt >= 0 && !out) throw new Error("--out needs a file name");
const only = args.find((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
const all = readdirSync(here).filter((f) => f.endsWith(".bench.ts")).sort();
// A bench named exactly FILTER runs alone ("scan" is not also "e2e-scan"); otherwise every name containing it.
const exact = all.filter((f) => f === `${only}.bench.ts`);
const files = !only ? all : exact.length > 0 ? exact : all.filter((f) => f.includes(only));
if (files.length === 0) throw new Error(`no bench matches "${only}"`);

const started = performance.now();
const figures: Figure[] = [];
for (const file of files) {
  const bench = file.replace(/\.bench\.ts$/, "");
  console.log(`\n## ${bench}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<Figure[] | void> };
  const rows = (await mod.run?.()) ?? [];
  figures.push(...rows.map((row) => ({ ...row, bench })));
}
const seconds = (performance.now() - started) / 1000;

const table = renderTable(figures);
const about = `${figures.length} figure${figures.length === 1 ? "" : "s"} from ${files.length} bench${files.length === 1 ? "" : "es"} in ${seconds.toFixed(0)} s; Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "unknown"})`;
console.log(`\n## All figures\n\n${table}\n\n${about}`);
if (out) {
  writeFileSync(out, `# headscout bench, ${new Date().toISOString().slice(0, 10)}\n\n${table}\n\n${about}\n`);
  console.log(`(table written to ${out})`);
}
