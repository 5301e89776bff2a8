import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { HeadscoutError, UsageError } from "../../errors.ts";
import { evaluateTriage, type EvalReport } from "../../triage/eval/evaluate.ts";
import { loadLabeledStream, parseLabeledJsonl, type LabeledPaper } from "../../triage/eval/labeled.ts";
import { setUpTriageFromFlags } from "../triage-from-flags.ts";
import { catchUsageErrors } from "../catch-usage-errors.ts";
import { describeOperands } from "../describe-operands.ts";
import { EXIT } from "../exit-codes.ts";
import type { CliIo } from "../io.ts";
import { readCommandArgs } from "../read-command-args.ts";

const USAGE = `usage: headscout eval LABELED.jsonl [--offline] [--json] [--model NAME] [--config FILE]
       headscout eval --stream DIR [--offline] [--json]

LABELED.jsonl: papers in the format of papers.dev.jsonl, or stream rows ({"id","day",…}) with a
"label". --stream DIR reads a stream folder (papers.jsonl, labels.dev.jsonl, labelled-days.json):
every paper of a labelled day, those absent from the labels counted irrelevant.
The classifier is the LLM when OPENAI_API_KEY is set (and --offline is not given), else the
offline model. --json prints {"prefilter": {...}, "classifier": {...}, "llm": {"calls","tokens"}, ...}.
`;

function renderText(r: EvalReport, source: string): string {
  const s = (x: { precision: number; recall: number; f1: number }) => `precision ${x.precision.toFixed(3)}  recall ${x.recall.toFixed(3)}  F1 ${x.f1.toFixed(3)}`;
  const lines = [
    `${source}: ${r.papers} papers, ${r.relevant} relevant; classifier: ${r.mode}`,
    `prefilter   ${s(r.prefilter)}  (passed ${r.prefilter.passed}, ${(r.prefilter.passRate * 100).toFixed(1)}% of papers)`,
    `classifier  ${s(r.classifier)}  (TP ${r.classifier.truePositives}, FP ${r.classifier.falsePositives}, FN ${r.classifier.falseNegatives}${r.classifier.needsManualTriage ? `, ${r.classifier.needsManualTriage} need manual triage` : ""}${r.classifier.notTriaged ? `, ${r.classifier.notTriaged} not triaged` : ""})`,
  ];
  if (r.tags) lines.push(`tags        exact match ${r.tags.exactMatch.toFixed(3)}  precision ${r.tags.precision.toFixed(3)}  recall ${r.tags.recall.toFixed(3)}  (${r.tags.papers} papers with gold tags)`);
  lines.push(`llm         ${r.llm.calls} calls, ${r.llm.tokens} tokens${r.llm.cacheHits ? `, ${r.llm.cacheHits} cached` : ""}`);
  for (const e of r.errors) lines.push(`  ${e.gold ? "missed" : "false positive"} [${e.decision} by ${e.stage}] ${e.title} (${e.key})`);
  return `${lines.join("\n")}\n`;
}

function inSampleNote(inSample: number, total: number): string {
  return `note: ${inSample} of these ${total} papers are in the offline model's training data, so the classifier figures are in-sample; see docs/triage.md for held-out ones\n`;
}

export const runEval = catchUsageErrors("eval", USAGE, async (args: string[], io: CliIo, deps: { fetch?: typeof fetch } = {}): Promise<number> => {
  const parsed = readCommandArgs("eval", USAGE, args, {
    offline: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    stream: { type: "string" },
    model: { type: "string" },
    config: { type: "string" },
  }, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  if (values.stream && positionals.length > 0) throw new UsageError(`eval takes LABELED.jsonl or --stream DIR, not both (got ${describeOperands(positionals)})`);
  if (!values.stream && positionals.length !== 1) throw new UsageError(`eval takes one LABELED.jsonl or --stream DIR, got ${describeOperands(positionals)}`);
  let set: LabeledPaper[];
  let source: string;
  if (values.stream) {
    source = resolve(io.cwd, values.stream);
    set = await loadLabeledStream(source);
  } else {
    source = resolve(io.cwd, positionals[0]!);
    let text: string;
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      throw new HeadscoutError(`Cannot read labelled file ${source}`, { cause: error });
    }
    set = parseLabeledJsonl(text, source);
  }
  if (set.length === 0) throw new HeadscoutError(`${source}: no labelled papers`);
  const triageDeps = await setUpTriageFromFlags(values, io, deps.fetch);
  const report = await evaluateTriage(set, triageDeps);
  const trained = triageDeps.offlineModel?.trainedArxivIds;
  const inSample = trained ? set.filter((x) => x.paper.ids.arxiv && trained.has(x.paper.ids.arxiv)).length : 0;
  if (values.json) io.stdout(`${JSON.stringify({ ...report, classifierInSample: inSample }, null, 2)}\n`);
  else io.stdout(renderText(report, source) + (inSample ? inSampleNote(inSample, set.length) : ""));
  return EXIT.ok;
});
