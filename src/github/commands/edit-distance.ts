/**
 * Edit distance with adjacent transpositions (optimal string alignment): "scna" is one edit from
 * "scan", "reconsidr" one from "reconsider", "Inductoin" one from "Induction".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Three rows: the one before the previous is what a transposition reads.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** How far a word may be from a name and still be taken for a typo of it: a third of its length, at least one edit. */
export function typoAllowance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidates closest to `word`, nearest first (ties in the candidates' order), within
 * `maxDistance` edits (default: `typoAllowance(word)`) and at most one edit further than the nearest
 * (one clear typo does not bring along everything a few edits away). `spellings` gives each
 * candidate's spellings to compare against (its name and aliases); the nearest spelling counts.
 */
export function closestNames<T>(
  word: string,
  candidates: readonly T[],
  spellings: (candidate: T) => readonly string[],
  { maxDistance = typoAllowance(word), limit = 3 }: { maxDistance?: number; limit?: number } = {},
): T[] {
  const scored: { candidate: T; distance: number; order: number }[] = [];
  candidates.forEach((candidate, order) => {
    const distance = Math.min(...spellings(candidate).map((spelling) => editDistance(word, spelling)));
    if (distance <= maxDistance) scored.push({ candidate, distance, order });
  });
  const nearest = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance <= nearest + 1)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.candidate);
}
