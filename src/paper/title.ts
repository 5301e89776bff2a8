/**
 * A title reduced to what survives reformatting: Unicode compatibility forms folded, accents and
 * LaTeX commands stripped, lower case, punctuation and white space dropped. Two renderings of one
 * title ("RazorAttention: Efficient KV Cache…" and "Razorattention — efficient KV-cache…") compare equal.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\\[a-zA-Z]+\s*/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}
