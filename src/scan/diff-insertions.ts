import { HeadscoutError } from "../errors.ts";

export interface InsertedBlock {
  /** 1-based line in the new document where the block starts. */
  line: number;
  lines: string[];
}

/**
 * The blocks of lines `after` adds to `before`. Throws when `after` is not `before` plus inserted
 * lines: the last guard of the promise that a scan never changes an existing line.
 */
export function diffInsertions(before: string, after: string): InsertedBlock[] {
  const old = before.split("\n");
  const now = after.split("\n");
  const blocks: InsertedBlock[] = [];
  let i = 0;
  for (let j = 0; j < now.length; j++) {
    if (i < old.length && now[j] === old[i]) {
      i++;
      continue;
    }
    const last = blocks.at(-1);
    if (last && last.line + last.lines.length === j + 1) last.lines.push(now[j]!);
    else blocks.push({ line: j + 1, lines: [now[j]!] });
  }
  if (i < old.length) {
    throw new HeadscoutError(`refusing the edit: line ${i + 1} of the catalog would change or disappear (${JSON.stringify(old[i]!.slice(0, 80))})`);
  }
  return blocks.map((block) => slideToMarkupBoundary(block, now));
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * Greedy matching puts an inserted HTML row one line late (`<td …>` … `<tr>` instead of
 * `<tr>` … `</tr>`), since the row's first line equals the next row's. Among the equivalent
 * positions, show the one that starts and ends at the shallowest markup, as a person would.
 */
function slideToMarkupBoundary(block: InsertedBlock, now: readonly string[]): InsertedBlock {
  const size = block.lines.length;
  const score = (start: number) => indentOf(now[start]!) + indentOf(now[start + size - 1]!);
  let best = block.line - 1;
  for (let start = best; start > 0 && now[start - 1] === now[start + size - 1]; start--) {
    if (score(start - 1) < score(best)) best = start - 1;
  }
  return { line: best + 1, lines: now.slice(best, best + size) };
}

/** A unified-diff-like rendering of inserted blocks, for a dry run. */
export function renderInsertions(file: string, blocks: readonly InsertedBlock[]): string {
  if (blocks.length === 0) return "";
  const out = [`--- ${file}`, `+++ ${file} (proposed)`];
  for (const block of blocks) {
    out.push(`@@ +${block.line},${block.lines.length} @@`, ...block.lines.map((l) => `+${l}`));
  }
  return `${out.join("\n")}\n`;
}
