import { foldHeadName } from "../../catalog/registry.ts";
import { triagePapers, type TriageDeps, type TriageMode } from "../run.ts";
import { paperKey } from "../text.ts";
import { draftEntry } from "../verdict.ts";
import type { LabeledPaper } from "./labeled.ts";
import { computeScores, type Scores } from "./metrics.ts";

export interface EvalReport {
  mode: TriageMode;
  papers: number;
  relevant: number;
  prefilter: Scores & { passed: number; passRate: number };
  /** The whole pipeline's decision (prefilter + classifier); manual/not-triaged count as not relevant. */
  classifier: Scores & { needsManualTriage: number; notTriaged: number };
  /**
   * Over gold-relevant papers with gold tags that the pipeline called relevant, counting only the
   * tags that reach the catalog row (proposed new head types and dropped tags do not).
   */
  tags?: { papers: number; exactMatch: number; precision: number; recall: number };
  llm: { calls: number; tokens: number; cacheHits: number; estimatedCostUsd: number };
  errors: { key: string; title: string; gold: boolean; decision: string; stage: string }[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
function roundScores<T extends Scores>(s: T): T {
  return { ...s, precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
}

export async function evaluateTriage(set: readonly LabeledPaper[], deps: TriageDeps): Promise<EvalReport> {
  const report = await triagePapers(
    set.map((x) => x.paper),
    deps,
  );
  const byKey = new Map(report.verdicts.map((v) => [v.key, v]));
  const rows = set.map((x) => ({ gold: x, verdict: byKey.get(paperKey(x.paper))! }));
  const prefilter = computeScores(rows.map(({ gold, verdict }) => ({ gold: gold.relevant, predicted: verdict.prefilter.passed })));
  const classifier = computeScores(rows.map(({ gold, verdict }) => ({ gold: gold.relevant, predicted: verdict.decision === "relevant" })));

  let tagPapers = 0;
  let exact = 0;
  let hits = 0;
  let predictedTotal = 0;
  let goldTotal = 0;
  for (const { gold, verdict } of rows) {
    if (!gold.relevant || !gold.tags?.length || verdict.decision !== "relevant") continue;
    tagPapers++;
    const goldSet = new Set(gold.tags.map(foldHeadName));
    const predicted = new Set((draftEntry(verdict)?.entry.tags ?? []).map(foldHeadName));
    const common = [...predicted].filter((t) => goldSet.has(t)).length;
    hits += common;
    predictedTotal += predicted.size;
    goldTotal += goldSet.size;
    if (common === goldSet.size && common === predicted.size) exact++;
  }
  const passed = rows.filter((r) => r.verdict.prefilter.passed).length;
  return {
    mode: report.mode,
    papers: set.length,
    relevant: set.filter((x) => x.relevant).length,
    prefilter: { ...roundScores(prefilter), passed, passRate: round(passed / Math.max(1, set.length)) },
    classifier: { ...roundScores(classifier), needsManualTriage: report.counts.needsManualTriage, notTriaged: report.counts.notTriaged },
    ...(tagPapers
      ? {
          tags: {
            papers: tagPapers,
            exactMatch: round(exact / tagPapers),
            precision: round(predictedTotal ? hits / predictedTotal : 0),
            recall: round(goldTotal ? hits / goldTotal : 0),
          },
        }
      : {}),
    llm: { calls: report.llm.calls, tokens: report.llm.totalTokens, cacheHits: report.llm.cacheHits, estimatedCostUsd: report.llm.estimatedCostUsd },
    errors: rows
      .filter(({ gold, verdict }) => gold.relevant !== (verdict.decision === "relevant"))
      .map(({ gold, verdict }) => ({ key: verdict.key, title: verdict.paper.title, gold: gold.relevant, decision: verdict.decision, stage: verdict.provenance.stage })),
  };
}
