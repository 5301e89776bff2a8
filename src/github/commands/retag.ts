import { foldHeadName, type HeadRegistry, type HeadType } from "../../catalog/registry.ts";
import type { IdentityKeys } from "../../paper/identity.ts";
import type { ProposalRecord } from "../ledger/schema.ts";
import { codeSpan, escapeForGitHub } from "../proposal/escape.ts";
import type { DroppedTag, EntryDraft, EvidencedTag, Verdict } from "../../triage/verdict.ts";
import { closestNames, typoAllowance } from "./edit-distance.ts";

export type ProposalDetails = ProposalRecord["details"];

export type TagCheck =
  /** `tags`: the registry's canonical names, in the order given, each once. */
  | { ok: true; tags: string[] }
  /** Each unknown tag with the registry names closest to it; `reply` says so. */
  | { ok: false; unknown: { tag: string; suggestions: string[] }[]; reply: string };

/** A registry name's spellings, folded, with and without the trailing "head" ("Induction" finds "Induction Head"). */
function foldedSpellings(head: HeadType): string[] {
  return [head.name, head.slug, ...head.aliases].flatMap((spelling) => {
    const folded = foldHeadName(spelling);
    return folded.endsWith("head") ? [folded, folded.slice(0, -4)] : [folded];
  });
}

/** The registry names closest to an unknown tag (edit distance over names, slugs and aliases), nearest first. */
export function suggestHeadNames(tag: string, registry: HeadRegistry, limit = 3): string[] {
  const folded = foldHeadName(tag);
  return closestNames(folded, registry.heads, foldedSpellings, { maxDistance: typoAllowance(folded), limit }).map((head) => head.name);
}

/**
 * The tags of a `retag`, checked against the registry: each must name a head type (its name, badge
 * slug or an alias, in any case, "Heads" or "Head"); an unknown one gets the closest names.
 */
export function validateTags(tags: readonly string[], registry: HeadRegistry): TagCheck {
  const known: string[] = [];
  const unknown: { tag: string; suggestions: string[] }[] = [];
  for (const tag of tags) {
    const head = registry.find(tag);
    if (head) {
      if (!known.includes(head.name)) known.push(head.name);
    } else unknown.push({ tag, suggestions: suggestHeadNames(tag, registry) });
  }
  if (unknown.length === 0) return { ok: true, tags: known };
  const lines = unknown.map(({ tag, suggestions }) => {
    const said = `“${escapeForGitHub(tag)}” is not a head type in the registry`;
    if (suggestions.length === 0) return `- ${said}.`;
    return `- ${said}: did you mean ${suggestions.map(escapeForGitHub).join(", ").replace(/, ([^,]*)$/, " or $1")}?`;
  });
  return {
    ok: false,
    unknown,
    reply: [
      "I changed no tags:",
      "",
      ...lines,
      "",
      `Tags are the registry's head types (${codeSpan("data/heads.json")}); a new head type is added there first.`,
    ].join("\n"),
  };
}

/** The detail a key names: its own key, else the identifier the key carries (`arxiv:…` of an `openreview:…` paper). */
export function findDetail(details: ProposalDetails, key: string): number {
  const exact = details.findIndex((d) => d.key === key);
  if (exact >= 0) return exact;
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon) as keyof IdentityKeys;
  const value = key.slice(colon + 1);
  if (colon < 0) return -1;
  return details.findIndex((d) => (d.draft as EntryDraft | undefined)?.entry?.ids?.[kind] === value);
}

/**
 * Which paper of a pull request a command means: the one its id names, or, without an id, the
 * pull request's only paper. Returns the paper's key in the details, or what to reply.
 */
export function resolveProposalPaper(details: ProposalDetails, key: string | undefined): { key: string } | { reply: string } {
  if (key !== undefined) {
    const index = findDetail(details, key);
    return index >= 0 ? { key: details[index]!.key } : { reply: `This pull request does not propose ${codeSpan(key)}.` };
  }
  if (details.length === 1) return { key: details[0]!.key };
  const keys = details.slice(0, 10).map((d) => codeSpan(d.key));
  return { reply: `This pull request proposes ${details.length} papers: name one (${keys.join(", ")}${details.length > 10 ? ", …" : ""}).` };
}

/** A flag a retag leaves on the draft; a later retag replaces it. */
const RETAG_FLAG = /^tags set by .* with retag/;

/**
 * The details with one paper's tags replaced by a maintainer's (`tags`: validated, canonical). The
 * entry gets exactly these tags; the verdict keeps the evidence of those it had, the tags taken out
 * are listed as left out ("removed with retag"), and a flag says who set them. Undefined when the
 * pull request does not propose the paper. Pure: the details given are not changed.
 */
export function applyRetag(details: ProposalDetails, key: string, tags: readonly string[], { by }: { by?: string } = {}): ProposalDetails | undefined {
  const index = findDetail(details, key);
  if (index < 0) return undefined;
  const detail = details[index]!;
  const draft = detail.draft as EntryDraft;
  const verdict = detail.verdict as Verdict;
  const who = by ?? "a maintainer";
  const kept: EvidencedTag[] = (verdict.tags ?? []).filter((t) => tags.includes(t.name));
  const removed: DroppedTag[] = (verdict.tags ?? []).filter((t) => !tags.includes(t.name)).map((t) => ({ ...t, reason: `removed by ${who} with retag` }));
  const flags = (draft.flags ?? []).filter((flag) => !RETAG_FLAG.test(flag));
  const next = {
    key: detail.key,
    draft: { ...draft, entry: { ...draft.entry, tags: [...tags] }, flags: [...flags, `tags set by ${who} with retag: ${tags.length ? tags.join(", ") : "none"}`] },
    verdict: { ...verdict, tags: kept, droppedTags: [...(verdict.droppedTags ?? []).filter((d) => !tags.includes(d.name)), ...removed] },
  };
  return details.map((d, i) => (i === index ? next : d));
}

/** The details without one paper (`drop`), or undefined when the pull request does not propose it. */
export function applyDrop(details: ProposalDetails, key: string): ProposalDetails | undefined {
  const index = findDetail(details, key);
  return index < 0 ? undefined : details.filter((_, i) => i !== index);
}

/** The details with one paper's draft and verdict replaced (`redraft`), or undefined when the pull request does not propose it. */
export function applyRedraft(details: ProposalDetails, key: string, redrafted: { draft: EntryDraft; verdict: Verdict }): ProposalDetails | undefined {
  const index = findDetail(details, key);
  if (index < 0) return undefined;
  return details.map((d, i) => (i === index ? { key: d.key, draft: redrafted.draft, verdict: redrafted.verdict } : d));
}
