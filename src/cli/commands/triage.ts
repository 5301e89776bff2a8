import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { HeadscoutError, UsageError } from "../../errors.ts";
import { parsePapersFile } from "../../sources/read-papers-file.ts";
import { triagePapers, type TriageReport } from "../../triage/run.ts";
import { setUpTriageFromFlags } from "../triage-from-flags.ts";
import { reportJson } from "../../triage/report-json.ts";
import { catchUsageErrors } from "../catch-usage-errors.ts";
import { describeOperands } from "../describe-operands.ts";
import { EXIT } from "../exit-codes.ts";
import type { CliIo } from "../io.ts";
import { readCommandArgs } from "../read-command-args.ts";

const USAGE = `usage: headscout triage PAPERS.json [--offline] [--model NAME] [--cache FILE] [--config FILE] [--json]

PAPERS.json is what \`headscout sources\` prints ({"papers": [...], "report": {...}}) or a bare array
of papers. With OPENAI_API_KEY set the LLM decides (OPENAI_BASE_URL for any OpenAI-compatible
endpoint); without it, or with --offline, the shipped offline classifier does.
`;

function renderText(report: TriageReport): string {
  const c = report.counts;
  const lines = [
    `triage (${report.mode}${report.mode === "offline" ? ": offline drafts" : ""}): ${c.papers} papers, ${c.passedPrefilter} past the prefilter; ${c.relevant} relevant, ${c.needsManualTriage} need manual triage, ${c.notTriaged} not triaged`,
  ];
  if (report.mode === "llm") {
    const u = report.llm;
    lines.push(
      `LLM: ${u.calls} calls, ${u.totalTokens} tokens (${u.promptTokens} in, ${u.cachedPromptTokens} of them cached; ${u.completionTokens} out), ~$${u.estimatedCostUsd.toFixed(4)}, ${u.cacheHits} answers from the cache${u.estimatedAnswers ? `, ${u.estimatedAnswers} without usage counted at our estimate` : ""}`,
    );
  }
  for (const v of report.verdicts) {
    if (v.provenance.stage === "prefilter") continue;
    lines.push("", `[${v.decision}] ${v.paper.title} (${v.key})${v.confidence !== undefined ? ` confidence ${v.confidence}` : ""}`);
    if (v.reason) lines.push(`  reason: ${v.reason}`);
    if (v.rationale) lines.push(`  why: ${v.rationale}`);
    if (v.tags.length) lines.push(`  tags: ${v.tags.map((t) => `${t.name} ("${t.evidence}")`).join(", ")}`);
    if (v.newHeadTypes.length) lines.push(`  new head types: ${v.newHeadTypes.map((t) => t.name).join(", ")}`);
    for (const d of v.droppedTags) lines.push(`  dropped tag: ${d.name}: ${d.reason}`);
    for (const b of v.summary ?? []) lines.push(`  • ${b}`);
    for (const f of v.flags) lines.push(`  ! ${f}`);
  }
  return `${lines.join("\n")}\n`;
}

export const runTriage = catchUsageErrors("triage", USAGE, async (args: string[], io: CliIo, deps: { fetch?: typeof fetch } = {}): Promise<number> => {
  const parsed = readCommandArgs("triage", USAGE, args, {
    offline: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    model: { type: "string" },
    cache: { type: "string" },
    config: { type: "string" },
  }, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`triage takes one PAPERS.json, got ${describeOperands(positionals)}`);
  const file = resolve(io.cwd, positionals[0]!);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new HeadscoutError(`Cannot read papers file ${file}`, { cause: error });
  }
  const papers = parsePapersFile(text, file);
  const triageDeps = await setUpTriageFromFlags(values, io, deps.fetch);
  const report = await triagePapers(papers, triageDeps);
  io.stdout(values.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : renderText(report));
  for (const note of report.notes) io.stderr(`headscout triage: note: ${note}\n`);
  if (report.counts.llmFailures === 0) return EXIT.ok;
  const first = report.verdicts.find((v) => v.held === "llm-failed" || v.held === "answer-unusable");
  io.stderr(`headscout triage: the LLM could not judge ${report.counts.llmFailures} paper(s) (${first?.reason})\n`);
  return EXIT.llmOutage;
});
