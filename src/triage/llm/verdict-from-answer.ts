import type { HeadRegistry } from "../../catalog/registry.ts";
import { guardSummary } from "../guard/guard-summary.ts";
import { injectionFlag, INJECTION_REASON } from "../guard/instructions.ts";
import type { PrefilterResult } from "../prefilter.ts";
import { sanitizeBullet } from "../summary.ts";
import { checkTags } from "../tags.ts";
import { paperText } from "../text.ts";
import type { Paper } from "../../sources/paper.ts";
import type { Verdict } from "../verdict.ts";
import type { LlmAnswer } from "./schema.ts";

export interface JudgedPaper {
  key: string;
  paper: Paper;
  prefilter: PrefilterResult;
  /** The instruction-like passage found in its text, if any. */
  instructions?: string;
}

/**
 * A verdict from a validated answer, with nothing of the model's taken on trust: tags pass the
 * tag rule against this paper's own text, the summary is checked against its abstract (or
 * replaced by an extractive draft), and a paper whose text addresses a tool is held whatever
 * the model said, keeping none of its prose.
 */
export function verdictFromAnswer(
  judged: JudgedPaper,
  answer: LlmAnswer,
  options: { registry: HeadRegistry; minConfidence: number; model: string; promptVersion: string; cached: boolean },
): Verdict {
  const { paper, prefilter } = judged;
  const checked = checkTags(paperText(paper), options.registry, answer.tags, answer.newHeadTypes);
  const flags: string[] = [];
  const relevant = answer.relevant;
  if (relevant && answer.confidence < options.minConfidence) flags.push(`low confidence (${answer.confidence})`);
  // Tag names are the model's words: plain text only, like the summary.
  if (checked.dropped.length) flags.push(`${checked.dropped.length} tag(s) dropped: ${checked.dropped.map((d) => `${sanitizeBullet(d.name)} (${d.reason})`).join("; ")}`);
  if (checked.newHeadTypes.length) flags.push(`new head type(s) proposed for the registry: ${checked.newHeadTypes.map((t) => `${sanitizeBullet(t.name)} ("${sanitizeBullet(t.evidence)}")`).join(", ")}`);
  let summary: string[] | undefined;
  if (relevant && !judged.instructions) {
    const guarded = guardSummary(answer.summary, paper, ["head", ...checked.tags.map((t) => t.name)]);
    summary = guarded.bullets;
    if (guarded.replaced) flags.push(guarded.replaced);
  }
  const provenance = { stage: "llm" as const, model: options.model, promptVersion: options.promptVersion, cached: options.cached };
  if (judged.instructions) {
    flags.push(injectionFlag(judged.instructions));
    return {
      key: judged.key,
      paper,
      decision: relevant ? "needs-manual-triage" : "irrelevant",
      ...(relevant ? { reason: INJECTION_REASON, held: "instructions-in-text" as const } : {}),
      confidence: answer.confidence,
      tags: checked.tags,
      newHeadTypes: checked.newHeadTypes,
      droppedTags: checked.dropped,
      flags,
      prefilter,
      provenance,
    };
  }
  return {
    key: judged.key,
    paper,
    decision: relevant ? "relevant" : "irrelevant",
    confidence: answer.confidence,
    rationale: guardRationale(answer.rationale),
    tags: checked.tags,
    newHeadTypes: checked.newHeadTypes,
    droppedTags: checked.dropped,
    ...(summary ? { summary } : {}),
    flags,
    prefilter,
    provenance,
  };
}

// The rationale is shown to reviewers (output, PR body), never written into the catalog: plain text, no links or domains.
function guardRationale(text: string): string {
  return sanitizeBullet(text).replace(/\b[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b(?:\/\S*)?/gi, "[address removed]");
}
