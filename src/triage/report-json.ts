import { draftEntry, type Verdict } from "./verdict.ts";
import type { TriageReport } from "./run.ts";

/** One verdict as JSON: what was decided, on what evidence, by which stage. */
export function verdictJson(v: Verdict) {
  return {
    key: v.key,
    title: v.paper.title,
    decision: v.decision,
    stage: v.provenance.stage,
    ...(v.confidence !== undefined ? { confidence: v.confidence } : {}),
    ...(v.rationale ? { rationale: v.rationale } : {}),
    ...(v.reason ? { reason: v.reason } : {}),
    tags: v.tags,
    newHeadTypes: v.newHeadTypes,
    droppedTags: v.droppedTags,
    ...(v.summary ? { summary: v.summary } : {}),
    flags: v.flags,
    prefilter: { score: v.prefilter.score, signals: v.prefilter.signals.filter((s) => s.weight !== 0) },
    provenance: v.provenance,
  };
}

/** A triage run as JSON (`triage --json`, and inside `scan --json`). */
export function reportJson(report: TriageReport) {
  return {
    mode: report.mode,
    counts: report.counts,
    llm: report.llm,
    verdicts: report.verdicts.filter((v) => v.provenance.stage !== "prefilter").map(verdictJson),
    prefilteredOut: report.verdicts.filter((v) => v.provenance.stage === "prefilter").map((v) => v.key),
    drafts: report.verdicts.flatMap((v) => draftEntry(v) ?? []),
  };
}
