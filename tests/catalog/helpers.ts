import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../helpers/shared.ts";

export const FORMATS = ["html", "markdown", "bullets"] as const;

export function fixturePath(name: string): string {
  return join(projectRoot, "tests", "fixtures", "catalogs", name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

export function newEntries(): unknown[] {
  return (JSON.parse(readFixture("new-entries.json")) as { entries: unknown[] }).entries;
}

/**
 * The lines an edit added, if it only added lines: every line of `before` is still in `after`,
 * in order. Undefined when some line of `before` was changed or removed.
 */
export function addedLines(before: string, after: string): string[] | undefined {
  const a = before.split("\n");
  const b = after.split("\n");
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  return i === a.length ? added : undefined;
}
