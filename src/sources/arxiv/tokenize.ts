/**
 * Text reduced the way arXiv's search index sees it, as far as phrase matching goes: lower case,
 * accents dropped, split at anything not a letter or digit (so "S-Inhibition" is "s inhibition"),
 * and plural endings folded. arXiv's English analyser stems further; folding less than it does
 * keeps local matching on the safe side (a local match is an arXiv match).
 */
export function tokenizeForSearch(text: string): string[] {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  return words ? words.map(foldPlural) : [];
}

// Porter's step 1a, which every English stemmer applies.
function foldPlural(word: string): string {
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ies")) return word.slice(0, -2);
  if (word.endsWith("ss")) return word;
  if (word.endsWith("s") && word.length > 2) return word.slice(0, -1);
  return word;
}

/** Whether `tokens` contains `phrase` (already tokenised) as consecutive words. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (tokens[i + j] !== phrase[j]) continue outer;
    }
    return true;
  }
  return false;
}
