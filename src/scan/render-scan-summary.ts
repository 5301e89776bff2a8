import type { ScanResult } from "./run-scan.ts";
import type { Verdict } from "../triage/verdict.ts";

function renderSources(result: ScanResult): string[] {
  if (!result.sources) return [`papers: ${result.found} read from a file`];
  const { window, sources } = result.sources;
  const lines = [`sources (${window.from} → ${window.to}): ${result.found} papers`];
  for (const [name, s] of Object.entries(sources)) {
    lines.push(`  ${name}: ${s.status}${s.reason ? ` (${s.reason})` : ""}, ${s.papers} papers, ${s.requests} requests, ${s.retries} retries`);
  }
  return lines;
}

function renderTriage(result: ScanResult): string[] {
  const { counts, mode, llm } = result.triage;
  const lines = [
    `already in the catalog: ${result.known.length}`,
    `triage (${mode === "offline" ? "offline classifier: drafts need a maintainer's check" : "LLM"}): ${counts.papers} candidates, ${counts.passedPrefilter} past the prefilter, ${counts.relevant} relevant, ${counts.needsManualTriage} need manual triage, ${counts.notTriaged} not triaged`,
  ];
  if (mode === "llm") {
    const estimated = llm.estimatedAnswers ? `, ${llm.estimatedAnswers} answer(s) without usage counted at our estimate` : "";
    const limits = llm.limits ? ` (caps: ${llm.limits.maxCalls} calls, ${llm.limits.maxTokens} tokens)` : "";
    lines.push(
      `  LLM: ${llm.calls} calls, ${llm.totalTokens} tokens (${llm.cachedPromptTokens} of ${llm.promptTokens} input tokens cached), ~$${llm.estimatedCostUsd.toFixed(4)}, ${llm.cacheHits} answers from the cache${estimated}${limits}`,
    );
  }
  for (const note of result.triage.notes) lines.push(`  note: ${note}`);
  return lines;
}

function renderHeld(verdicts: readonly Verdict[]): string[] {
  const held = verdicts.filter((v) => v.decision === "needs-manual-triage" || v.decision === "not-triaged");
  if (held.length === 0) return [];
  return [
    "",
    "held for a maintainer:",
    ...held.flatMap((v) => [`  - ${v.paper.title} (${v.key}): ${v.decision}${v.reason ? `, ${v.reason}` : ""}`, ...v.flags.map((f) => `      ! ${f}`)]),
  ];
}

function renderProposed(result: ScanResult): string[] {
  const { inserted, refused } = result.edit;
  const lines: string[] = [];
  if (inserted.length) {
    lines.push("", `proposed entries (${inserted.length}):`);
    for (const d of inserted) {
      lines.push(`  + ${d.entry.date} ${d.entry.title} [${d.entry.tags.join(", ") || "no tags"}] (${d.label})`);
      for (const flag of d.flags) lines.push(`      ! ${flag}`);
    }
  }
  if (refused.length) {
    lines.push("", `not inserted (${refused.length}):`);
    for (const r of refused) lines.push(`  - ${r.draft.entry.title}: ${r.reason}`);
  }
  return lines;
}

/** The human summary of a scan: what was searched, what was skipped, what would be proposed. */
export function renderScanSummary(result: ScanResult): string {
  const lines = [...renderSources(result), ...renderTriage(result), ...renderHeld(result.triage.verdicts), ...renderProposed(result)];
  if (result.edit.inserted.length === 0) lines.push("", "nothing to propose");
  return `${lines.join("\n")}\n`;
}
