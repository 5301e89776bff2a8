import type { HeadRegistry } from "../../catalog/registry.ts";
import type { Paper } from "../../sources/paper.ts";
import { findInstructionLikeText } from "../../triage/guard/instructions.ts";
import { createPrefilter, type PrefilterResult } from "../../triage/prefilter.ts";
import { countWords, MAX_SUMMARY_WORDS, sanitizeBullet } from "../../triage/summary.ts";
import { checkTags, containsQuote } from "../../triage/tags.ts";
import { paperKey, paperText } from "../../triage/text.ts";
import { draftEntry, type DroppedTag, type EntryDraft, type EvidencedTag, type Verdict } from "../../triage/verdict.ts";
import { cleanUntrusted } from "../proposal/escape.ts";
import type { ProposedPaper } from "../proposal/types.ts";
import type { Submission } from "./parse-issue.ts";

/** Who submitted the form: the issue's author (from the webhook, not the body) and the issue. */
export interface Submitter {
  login: string;
  issue: number;
}

/** How much of a submitter's summary reaches a draft: a form's summary is three short bullets. */
const MAX_SUMMARY_ITEMS = 5;
const MAX_ITEM_CHARS = 400;
const MAX_HEAD_NAME_CHARS = 60;

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** "@login", for a login GitHub could have issued; anything else is not repeated. */
export function submitterName(login: string): string {
  return LOGIN.test(login) ? `@${login}` : "an unnamed submitter";
}

/**
 * A submitter's summary made fit for a catalog row: plain text only (no link, mention, HTML,
 * markdown, invisible character), at most five items of 400 characters. `flags` says what a
 * reviewer should know (too long, cut, instruction-like text, nothing left).
 */
export function sanitizeSubmittedSummary(items: readonly string[]): { bullets: string[]; flags: string[] } {
  const flags: string[] = [];
  const cleaned = items
    .map((item) =>
      cleanUntrusted(sanitizeBullet(item))
        // sanitizeBullet drops "@" after white space; "(@octocat" and "“@octocat" are mentions too.
        .replace(/(^|[^\p{L}\p{N}_])@+(?=[\p{L}\p{N}_-])/gu, "$1")
        .trim(),
    )
    .filter((item) => /[\p{L}\p{N}]/u.test(item));
  const bullets = cleaned.slice(0, MAX_SUMMARY_ITEMS).map((item) => (item.length > MAX_ITEM_CHARS ? `${item.slice(0, MAX_ITEM_CHARS - 1).trimEnd()}…` : item));
  if (cleaned.length > MAX_SUMMARY_ITEMS || cleaned.some((item) => item.length > MAX_ITEM_CHARS)) {
    flags.push(`the submitter's summary was cut to ${MAX_SUMMARY_ITEMS} items of ${MAX_ITEM_CHARS} characters at most`);
  }
  const words = countWords(bullets);
  if (words > MAX_SUMMARY_WORDS) flags.push(`the submitter's summary has ${words} words; the catalog's limit is ${MAX_SUMMARY_WORDS}`);
  const instruction = findInstructionLikeText(items.join("\n"));
  if (instruction) flags.push(`instruction-like text in the submitter's summary: "${instruction}"`);
  return { bullets, flags };
}

export interface SubmittedHeads {
  tags: EvidencedTag[];
  newHeadTypes: EvidencedTag[];
  droppedTags: DroppedTag[];
  flags: string[];
}

/**
 * The submitter's head names, judged by the tag rule (`checkTags`). The submitter is not the
 * paper: a registry head type becomes a row tag only when the paper's own title or abstract names
 * it (that passage is the evidence); otherwise it is kept as a suggestion, left out of the entry.
 * A name the registry lacks is kept as a proposal for data/heads.json, never a row tag. Every
 * outcome is flagged as the submitter's.
 */
export function judgeSubmittedHeads(
  paper: Paper,
  headNames: readonly string[],
  registry: HeadRegistry,
  who: string,
  prefilter: PrefilterResult = createPrefilter(registry)(paper),
): SubmittedHeads {
  const out: SubmittedHeads = { tags: [], newHeadTypes: [], droppedTags: [], flags: [] };
  const text = paperText(paper);
  const named = prefilter.registryMatches;
  for (const raw of headNames) {
    const name = cleanHeadName(raw);
    if (!name) continue;
    const head = registry.find(name) ?? registry.find(`${name} Head`);
    if (head) {
      if (out.tags.some((t) => t.name === head.name) || out.droppedTags.some((t) => t.name === head.name)) continue;
      const evidence = named.find((m) => m.name === head.name)?.evidence;
      const checked = evidence ? checkTags(text, registry, [{ name: head.name, evidence }], []) : undefined;
      const tag = checked?.tags[0];
      if (tag) {
        out.tags.push(tag);
        out.flags.push(`tag “${head.name}” is the submitter's (${who}); the paper's title or abstract names it: “${tag.evidence}”`);
      } else {
        const reason = checked?.dropped[0]?.reason ?? "the paper's title and abstract do not name it";
        out.droppedTags.push({ name: head.name, evidence: "", reason: `the submitter's head name (${who}); ${reason}` });
        out.flags.push(`head type “${head.name}” is the submitter's (${who}) and not in the entry: ${reason}; add it by hand if it is right`);
      }
      continue;
    }
    const proposed = headTypeName(name);
    if (out.newHeadTypes.some((t) => t.name.toLowerCase() === proposed.toLowerCase())) continue;
    const evidence = containsQuote(text, name) ? name : `the submitter's head name (${who}); the title and abstract do not name it`;
    out.newHeadTypes.push({ name: proposed, evidence });
    out.flags.push(`the submitter (${who}) named a head type the registry lacks: “${proposed}”; proposed for data/heads.json, not in the entry`);
  }
  if (headNames.length === 0) out.flags.push("the submitter named no head type: tag the entry by hand");
  return out;
}

function cleanHeadName(raw: string): string {
  const name = cleanUntrusted(sanitizeBullet(raw)).replace(/(^|[^\p{L}\p{N}_])@+/gu, "$1").trim();
  if (!/\p{L}/u.test(name)) return "";
  return name.length > MAX_HEAD_NAME_CHARS ? name.slice(0, MAX_HEAD_NAME_CHARS).trimEnd() : name;
}

/** "copy-paste heads" → "Copy-Paste Head": how the registry spells a head type. */
function headTypeName(name: string): string {
  const words = name
    .replace(/\bheads\b/i, "head")
    .split(/\s+/)
    .map((w) => (w === w.toLowerCase() ? w.replace(/(^|-)(\p{L})/gu, (_, dash: string, c: string) => dash + c.toUpperCase()) : w));
  const joined = words.join(" ");
  return /\b(?:head|memory)$/i.test(joined) ? joined.replace(/head$/i, "Head") : `${joined} Head`;
}

/**
 * What a submission says about its paper, as a verdict the proposal machinery can render: relevant
 * (a reader asked for it; headscout did not judge it), the submitter's sanitised summary and head
 * names (judged by the tag rule), and flags naming the submitter. Title, date, links and ids stay
 * the source's paper's.
 */
export function submissionVerdict(paper: Paper, submission: Pick<Submission, "headNames" | "summary" | "source">, registry: HeadRegistry, submitter: Submitter): Verdict {
  const who = submitterName(submitter.login);
  const summary = sanitizeSubmittedSummary(submission.summary);
  const prefilter = createPrefilter(registry)(paper);
  const heads = judgeSubmittedHeads(paper, submission.headNames, registry, who, prefilter);
  const flags = [
    summary.bullets.length
      ? `summary written by the submitter ${who} (issue #${submitter.issue}), not drafted by headscout: check it before merging`
      : `no summary: the submitter ${who} (issue #${submitter.issue}) gave none that could be used; write one before merging`,
    ...summary.flags,
    ...heads.flags,
  ];
  const source = submission.source?.trim();
  if (source && !/^(?:arxiv|preprint|arxiv preprint)$/i.test(source) && !paper.venue) {
    flags.push(`the submitter gives the source as “${cleanUntrusted(sanitizeBullet(source)).slice(0, 100)}”; the entry links only what the source service lists`);
  }
  return {
    key: paperKey(paper),
    paper,
    decision: "relevant",
    rationale: `submitted with the issue form (issue #${submitter.issue}) by ${who}; headscout did not judge it`,
    tags: heads.tags,
    newHeadTypes: heads.newHeadTypes,
    droppedTags: heads.droppedTags,
    ...(summary.bullets.length ? { summary: summary.bullets } : {}),
    flags,
    prefilter,
    provenance: { stage: "submission" },
  };
}

/**
 * The catalog entry a submission proposes: the source's metadata (date, title, links, ids; never
 * the form's), the submitter's sanitised summary and head names, flagged as the submitter's.
 */
export function draftFromSubmission(paper: Paper, submission: Pick<Submission, "headNames" | "summary" | "source">, registry: HeadRegistry, submitter: Submitter): EntryDraft {
  return proposeSubmission(paper, submission, registry, submitter).draft;
}

/** The verdict and draft together, as `ProposedPaper` for the pull request machinery. */
export function proposeSubmission(paper: Paper, submission: Pick<Submission, "headNames" | "summary" | "source">, registry: HeadRegistry, submitter: Submitter): ProposedPaper {
  const verdict = submissionVerdict(paper, submission, registry, submitter);
  const draft = draftEntry(verdict)!;
  return {
    verdict,
    draft: {
      ...draft,
      origin: "offline",
      label: `submitted by ${submitterName(submitter.login)} (issue #${submitter.issue}): summary and head name are theirs, check them before merging`,
    },
  };
}
