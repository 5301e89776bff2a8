import type { ScanResult } from "./run-scan.ts";

/** The lines a scan says on stderr about what went wrong: each failed source, and the LLM's outage with its count. */
export function describeScanProblems(result: ScanResult): string[] {
  const lines = Object.entries(result.sources?.sources ?? {})
    .filter(([, s]) => s.status === "failed")
    .map(([name, s]) => `${name} failed: ${s.reason}`);
  const failures = result.triage.verdicts.filter((v) => v.held === "llm-failed" || v.held === "answer-unusable");
  if (failures.length > 0) {
    lines.push(`the LLM could not judge ${failures.length} paper(s) (${failures[0]!.reason}); they are held and will be tried again`);
  }
  return lines;
}
