import type { HeadRegistry } from "../catalog/registry.ts";
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

/** Whether `quote` occurs in `text` verbatim (up to case, spacing and typographic quotes). */
export function containsQuote(text: string, quote: string): boolean {
  const q = foldForQuote(quote).replace(/^["']|["']$/g, "").trim();
  return q.length >= 3 && foldForQuote(text).includes(q);
}

export interface CheckedTags {
  tags: EvidencedTag[];
  newHeadTypes: EvidencedTag[];
  dropped: DroppedTag[];
}

/**
 * Keeps a tag only when it names a registry head type and its evidence is really in the title or
 * abstract; new head types likewise need their quote. Everything dropped is returned with a reason.
 */
export function checkTags(
  text: string,
  registry: HeadRegistry,
  tags: readonly EvidencedTag[],
  newHeadTypes: readonly EvidencedTag[],
): CheckedTags {
  const out: CheckedTags = { tags: [], newHeadTypes: [], dropped: [] };
  const seen = new Set<string>();
  for (const tag of tags) {
    const head = registry.find(tag.name);
    if (!head) {
      out.dropped.push({ ...tag, reason: "not in the head-type registry (a new type must be listed under newHeadTypes)" });
      continue;
    }
    if (!containsQuote(text, tag.evidence)) {
      out.dropped.push({ name: head.name, evidence: tag.evidence, reason: "evidence quote not found in the title or abstract" });
      continue;
    }
    if (seen.has(head.name)) continue;
    seen.add(head.name);
    out.tags.push({ name: head.name, evidence: tag.evidence });
  }
  for (const tag of newHeadTypes) {
    const known = registry.find(tag.name);
    if (!containsQuote(text, tag.evidence)) {
      out.dropped.push({ ...tag, reason: "new head type: evidence quote not found in the title or abstract" });
    } else if (known) {
      if (!seen.has(known.name)) out.tags.push({ name: known.name, evidence: tag.evidence });
      seen.add(known.name);
    } else {
      out.newHeadTypes.push(tag);
    }
  }
  return out;
}
