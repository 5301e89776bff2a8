import type { Paper } from "../../sources/paper.ts";
import type { PrefilterResult } from "../prefilter.ts";
import { findInstructionLikeText, injectionFlag, INJECTION_REASON } from "../guard/instructions.ts";
import { findBulletProblem, sourceTerms } from "../guard/check-bullet.ts";
import { extractiveSummary } from "../summary.ts";
import { checkTags } from "../tags.ts";
import { paperKey, paperText } from "../text.ts";
import type { Verdict } from "../verdict.ts";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { suggestNewHeadTypes } from "./head-names.ts";
import type { OfflineModel } from "./model.ts";
import { scoreDoc } from "./train.ts";

export const OFFLINE_FLAG = "offline draft: decided by the local classifier, summary extracted from the abstract";

/**
 * The no-API-key verdict: the shipped classifier decides, tags are the registry names the text
 * itself uses (so their evidence is verbatim by construction), the summary is extractive.
 * An abstract that addresses a model is held for a maintainer: an extractive summary would
 * otherwise copy its instructions into the catalog.
 */
export function triageOffline(
  paper: Paper,
  prefilter: PrefilterResult,
  model: OfflineModel,
  registry: HeadRegistry,
  threshold = model.threshold,
): Verdict {
  const probability = scoreDoc(model, paperText(paper), prefilter);
  const relevant = probability >= threshold;
  // The registry names the text uses pass the tag rule by construction, bar a sentence addressed to a tool.
  const tags = checkTags(paperText(paper), registry, prefilter.registryMatches, []).tags;
  const newHeadTypes = relevant ? suggestNewHeadTypes(paperText(paper), registry) : [];
  const suspicious = findInstructionLikeText(paperText(paper));
  const source = sourceTerms(paperText(paper));
  const held = relevant && suspicious !== undefined;
  return {
    key: paperKey(paper),
    paper,
    decision: held ? "needs-manual-triage" : relevant ? "relevant" : "irrelevant",
    ...(held ? { reason: INJECTION_REASON, held: "instructions-in-text" as const } : {}),
    confidence: Math.round((relevant ? probability : 1 - probability) * 1000) / 1000,
    rationale: `offline classifier probability ${probability.toFixed(2)} (threshold ${threshold}); prefilter: ${prefilter.signals
      .filter((s) => s.weight !== 0)
      .map((s) => `${s.rule} "${s.match}"`)
      .join(", ")}`,
    tags: relevant ? tags : [],
    newHeadTypes,
    droppedTags: [],
    ...(relevant && !held ? { summary: extractiveSummary(paper.abstract, ["head", ...tags.map((t) => t.name)], (sentence) => !findBulletProblem(sentence, source)) } : {}),
    flags: relevant
      ? [
          OFFLINE_FLAG,
          ...(suspicious ? [injectionFlag(suspicious)] : []),
          ...(newHeadTypes.length ? [`new head type(s) proposed for the registry from the abstract's wording: ${newHeadTypes.map((t) => t.name).join(", ")}`] : []),
          ...(tags.length || newHeadTypes.length ? [] : ["no head type named in the abstract: tag by hand"]),
        ]
      : [],
    prefilter,
    provenance: { stage: "offline", offlineModelVersion: model.version },
  };
}
