// The figures a bench reports, gathered by index.ts into one table after every bench has run.

export interface Figure {
  /** The bench file it came from (index.ts fills it in). */
  bench?: string;
  /** What was measured, e.g. "parse + insert 2, HTML catalog of 10,000 entries (median)". */
  figure: string;
  /** Already formatted: "226", "0.82", "47". */
  value: string;
  unit: string;
  /** A target and whether it was met, or what the figure leaves out. */
  note?: string;
}

/** A figure with a number formatted to `digits` decimals (thousands separated). */
export function figure(name: string, value: number | string, unit: string, note?: string, digits = 0): Figure {
  const text = typeof value === "number" ? value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : value;
  return { figure: name, value: text, unit, ...(note ? { note } : {}) };
}

/** "target ≤ 300 ms: met" */
export function targetNote(value: number, target: number, unit: string, below = true): string {
  const met = below ? value <= target : value >= target;
  return `target ${below ? "≤" : "≥"} ${target.toLocaleString("en")} ${unit}: ${met ? "met" : "NOT met"}`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** One markdown table of every figure, in the order the benches reported them. */
export function renderTable(figures: readonly Figure[]): string {
  const lines = ["| bench | figure | value | unit | note |", "| --- | --- | ---: | --- | --- |"];
  for (const f of figures) lines.push(`| ${cell(f.bench ?? "")} | ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.unit)} | ${cell(f.note ?? "")} |`);
  return lines.join("\n");
}
