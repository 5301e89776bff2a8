/** The length an abstract is shortened to when a body must shrink (about three sentences). */
export const SHORT_ABSTRACT_CHARS = 500;

/**
 * The abstract cut at the last sentence end within `max` characters, with "…"; a first sentence
 * longer than that is cut at a word instead. Cut before escaping, so entities stay whole.
 */
export function shortenAbstract(abstract: string, max = SHORT_ABSTRACT_CHARS): string {
  const text = abstract.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  let end = -1;
  for (const match of head.matchAll(/[.!?](?=\s)/g)) end = match.index + 1;
  if (end < max / 3) end = head.lastIndexOf(" ") > 0 ? head.lastIndexOf(" ") : max;
  if (/[\uD800-\uDBFF]/.test(head[end - 1] ?? "")) end -= 1; // never half a surrogate pair
  return `${head.slice(0, end).trimEnd()} …`;
}
