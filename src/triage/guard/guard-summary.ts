import { extractiveSummary, sanitizeBullet } from "../summary.ts";
import { findBulletProblem, sourceTerms } from "./check-bullet.ts";

export interface GuardedSummary {
  bullets: string[];
  /** Set when the model's bullets were replaced: which bullet and why. */
  replaced?: string;
}

/**
 * What of a model's summary may reach a catalog row. The bullets are checked against the paper,
 * not trusted: when any one fails (`findBulletProblem`), all are replaced by an extractive draft
 * from the abstract's own sentences, itself built only from sentences that pass the same check.
 */
export function guardSummary(bullets: readonly string[], paper: { title: string; abstract: string }, headWords: readonly string[]): GuardedSummary {
  const source = sourceTerms(`${paper.title}\n${paper.abstract}`);
  const problems = bullets.map((b, i) => ({ i, problem: findBulletProblem(b, source) })).filter((p) => p.problem);
  if (problems.length === 0) return { bullets: bullets.map(sanitizeBullet).filter(Boolean) };
  const first = problems[0]!;
  return {
    bullets: extractiveSummary(paper.abstract, headWords, (sentence) => findBulletProblem(sentence, source) === undefined),
    replaced: `model summary replaced by sentences from the abstract: bullet ${first.i + 1} ${first.problem}`,
  };
}
