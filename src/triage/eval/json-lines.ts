import { HeadscoutError } from "../../errors.ts";

/** The JSON value of each non-blank line, with its 1-based line number; `source` names the file in errors. */
export function parseJsonLines(text: string, source: string): { line: number; value: unknown }[] {
  const rows: { line: number; value: unknown }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      rows.push({ line: i + 1, value: JSON.parse(line) });
    } catch (error) {
      throw new HeadscoutError(`${source} line ${i + 1}: not valid JSON`, { cause: error });
    }
  }
  return rows;
}
