import type { Entry } from "../catalog/entry.ts";
import { normalizeTitle } from "../paper/title.ts";
import type { Paper } from "../sources/paper.ts";
import type { PrefilterResult } from "./prefilter.ts";

/** A registry tag with the title/abstract quote that supports it (checked by code, not trusted). */
export interface EvidencedTag {
  name: string;
  evidence: string;
}

/** A tag the model gave that code did not accept, and why (reported to the maintainer). */
export interface DroppedTag {
  name: string;
  evidence: string;
  reason: string;
}

/**
 * - relevant / irrelevant: decided (by the prefilter alone, the LLM or the offline classifier);
 * - needs-manual-triage: the LLM could not give a usable answer (off schema, refused, failed) or
 *   something in the paper calls for a human look; `reason` says which;
 * - not-triaged: a per-run cap stopped the run before this paper; it will be tried next run.
 */
export type Decision = "relevant" | "irrelevant" | "needs-manual-triage" | "not-triaged";

/**
 * Why a paper is held for a maintainer:
 * - llm-failed: the LLM service gave no answer after retries (an outage: the scan exits non-zero);
 * - answer-unusable: answers stayed off schema or cut off after a retry (also an outage);
 * - refused: the model refused this paper (a verdict to look at, not an outage);
 * - instructions-in-text: the paper's text addresses a tool or model.
 */
export type HoldReason = "llm-failed" | "answer-unusable" | "refused" | "instructions-in-text";

/** Holds that mean the LLM could not do its job, as opposed to a judgement about one paper. */
export const OUTAGE_HOLDS: readonly HoldReason[] = ["llm-failed", "answer-unusable"];

export interface Provenance {
  /** "submission": a reader's issue-form submission, proposed as given (headscout did not judge it). */
  stage: "prefilter" | "llm" | "offline" | "submission";
  model?: string;
  promptVersion?: string;
  offlineModelVersion?: string;
  /** The answer came from the cache: no tokens spent on it this run. */
  cached?: boolean;
}

/** What triage says about one paper. Title, authors, dates and links stay the paper's own. */
export interface Verdict {
  key: string;
  paper: Paper;
  decision: Decision;
  confidence?: number;
  rationale?: string;
  reason?: string;
  /** With needs-manual-triage: which kind of hold. */
  held?: HoldReason;
  /** Tags that passed the tag rule: the only ones a catalog row gets. */
  tags: EvidencedTag[];
  /** Head types the registry lacks, with their quotes: proposals for data/heads.json, never row tags. */
  newHeadTypes: EvidencedTag[];
  droppedTags: DroppedTag[];
  /** Three bullets, ≤ 60 words in all. */
  summary?: string[];
  /** Things a maintainer should look at ("low confidence", "instruction-like text in abstract"). */
  flags: string[];
  prefilter: PrefilterResult;
  provenance: Provenance;
}

/** A catalog entry drafted from a verdict; `origin: "offline"` marks an offline draft wherever it goes. */
export interface EntryDraft {
  /** The paper's identity key (the verdict's). */
  key: string;
  entry: Entry;
  origin: "llm" | "offline";
  /** Shown beside the entry (PR body, CLI): "offline draft — check before merging". */
  label: string;
  /** What a reviewer should look at: dropped tags, proposed head types, low confidence, a replaced summary. */
  flags: string[];
}

/** The entry a relevant verdict proposes: metadata from the source, tags and summary from triage. */
export function draftEntry(verdict: Verdict): EntryDraft | undefined {
  if (verdict.decision !== "relevant") return undefined;
  const { paper } = verdict;
  const links: Entry["links"] = [];
  // The catalog links arXiv papers without a version, so the row always points at the latest one.
  if (paper.ids.arxiv) links.push({ kind: "paper", label: "arXiv", url: `https://arxiv.org/abs/${paper.ids.arxiv}` });
  else if (paper.links.abstract) links.push({ kind: "paper", label: "arXiv", url: paper.links.abstract });
  if (paper.links.openreview) links.push({ kind: "paper", label: "OpenReview", url: paper.links.openreview });
  const origin = verdict.provenance.stage === "llm" ? "llm" : "offline";
  return {
    key: verdict.key,
    entry: {
      date: paper.published.slice(0, 10),
      title: paper.title,
      summary: verdict.summary?.length ? { kind: "bullets", bullets: verdict.summary } : { kind: "none" },
      tags: verdict.tags.map((t) => t.name),
      links,
      ids: {
        title: normalizeTitle(paper.title),
        ...(paper.ids.arxiv ? { arxiv: paper.ids.arxiv } : {}),
        ...(paper.ids.openreview ? { openreview: paper.ids.openreview } : {}),
        ...(paper.ids.doi ? { doi: paper.ids.doi } : {}),
      },
    },
    origin,
    label: origin === "offline" ? "offline draft (no LLM): check tags and summary before merging" : "LLM draft",
    flags: verdict.flags,
  };
}
