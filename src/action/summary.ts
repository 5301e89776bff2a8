import { appendFileSync } from "node:fs";

/** Appends to the job summary (`$GITHUB_STEP_SUMMARY`, a file the runner renders as Markdown), when there is one. */
export function writeStepSummary(env: Record<string, string | undefined>, markdown: string): boolean {
  const path = env.GITHUB_STEP_SUMMARY?.trim();
  if (!path) return false;
  appendFileSync(path, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
  return true;
}
