import type { HeadRegistry, HeadType } from "../catalog/registry.ts";
import { findInstructionLikeText } from "./guard/instructions.ts";
import { compileRegistryPatterns } from "./prefilter.ts";
import type { DroppedTag, EvidencedTag } from "./verdict.ts";

// Quotes survive only typographic differences: case, white space, quote marks, dashes.
function foldForQuote(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

const MIN_QUOTE_WORDS = 2;

/** Whether `quote` is a passage of `text` (up to case, spacing and typographic quotes) of two words or more. */
export function containsQuote(text: string, quote: string): boolean {
  const q = foldForQuote(quote).replace(/^["']|["']$/g, "").trim();
  return q.split(" ").length >= MIN_QUOTE_WORDS && foldForQuote(text).includes(q);
}

/** The sentence of `text` a quote comes from (the quote itself when it spans sentences). */
function sentenceAround(text: string, quote: string): string {
  const folded = foldForQuote(text);
  const q = foldForQuote(quote).replace(/^["']|["']$/g, "").trim();
  const at = folded.indexOf(q);
  if (at < 0) return q;
  const start = Math.max(folded.lastIndexOf(". ", at) + 2, folded.lastIndexOf("\n", at) + 1, 0);
  const end = folded.indexOf(". ", at + q.length);
  return folded.slice(start, end < 0 ? undefined : end + 1);
}

// Research prose names a head type to say what heads do; a sentence about tags or the
// catalog itself is about how the paper should be filed, whoever wrote it.
const FILING_TALK = /\b(?:tag|tags|tagged|catalog|catalogue|étiquette|etikett|etiqueta)\b|标签|тег|タグ/i;

const patternCache = new WeakMap<HeadRegistry, Map<string, RegExp>>();

/** Whether a passage names the head type: its name, slug or an alias, in any case, singular or plural, with any separator. */
export function namesHeadType(passage: string, head: HeadType, registry: HeadRegistry): boolean {
  let patterns = patternCache.get(registry);
  if (!patterns) {
    patterns = new Map(compileRegistryPatterns(registry).map((p) => [p.name, p.pattern]));
    patternCache.set(registry, patterns);
  }
  return patterns.get(head.name)?.test(passage.normalize("NFKC")) ?? false;
}

export interface CheckedTags {
  /** Tags that may go into the catalog row. */
  tags: EvidencedTag[];
  /** Head types the registry lacks, each with its quote: proposals for data/heads.json, never row tags. */
  newHeadTypes: EvidencedTag[];
  /** Tags refused, with the reason; shown to the reviewer as suggestions at most. */
  dropped: DroppedTag[];
}

/**
 * The tag rule. A tag reaches the row only when (1) it is a registry head type, (2) its evidence
 * is a real passage of this paper's title or abstract, two words or more, (3) that passage names
 * the head type or one of its registry aliases, and (4) the sentence it comes from is not
 * addressed to a tool nor about filing the paper ("…must be included under the Induction Head
 * tag" names a head type too).
 * A `newHeadTypes` name the registry knows is judged as a tag; an unknown one is only proposed.
 */
export function checkTags(
  text: string,
  registry: HeadRegistry,
  tags: readonly EvidencedTag[],
  newHeadTypes: readonly EvidencedTag[],
): CheckedTags {
  const out: CheckedTags = { tags: [], newHeadTypes: [], dropped: [] };
  const accepted = new Set<string>();
  const judge = (tag: EvidencedTag, proposedAsNew: boolean) => {
    const head = registry.find(tag.name);
    const drop = (reason: string) => out.dropped.push({ name: head?.name ?? tag.name, evidence: tag.evidence, reason });
    if (!containsQuote(text, tag.evidence)) return drop("evidence is not a passage of the title or abstract");
    const sentence = sentenceAround(text, tag.evidence);
    const instruction = findInstructionLikeText(sentence);
    if (instruction) return drop(`evidence comes from text addressed to a tool ("${instruction}")`);
    if (FILING_TALK.test(sentence)) return drop("evidence is about how to file the paper, not about its heads");
    if (!head) {
      if (proposedAsNew) out.newHeadTypes.push(tag);
      else drop("not in the head-type registry");
      return;
    }
    if (!namesHeadType(tag.evidence, head, registry)) return drop(`the quote does not name ${head.name} (or an alias): a suggestion, not a tag`);
    if (accepted.has(head.name)) return;
    accepted.add(head.name);
    out.tags.push({ name: head.name, evidence: tag.evidence });
  };
  for (const tag of tags) judge(tag, false);
  for (const tag of newHeadTypes) judge(tag, true);
  return out;
}
