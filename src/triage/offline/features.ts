import type { PrefilterResult } from "../prefilter.ts";
import { extractTerms } from "../text.ts";

/** A sparse feature vector: feature name → value. */
export type Features = Map<string, number>;

/** Raw term counts of a text (unigrams and bigrams). */
export function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of extractTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * TF-IDF over the model's vocabulary (sublinear tf, L2-normalised) plus one feature per
 * prefilter rule that fired (`rule:attention-head`), so the classifier can weigh the rules'
 * evidence against the wording.
 */
export function buildFeatures(
  counts: Map<string, number>,
  idf: ReadonlyMap<string, number>,
  prefilter: Pick<PrefilterResult, "signals">,
): Features {
  const features: Features = new Map();
  let norm = 0;
  for (const [term, count] of counts) {
    const weight = idf.get(term);
    if (weight === undefined) continue;
    const value = (1 + Math.log(count)) * weight;
    features.set(term, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, value] of features) features.set(term, value / norm);
  for (const signal of prefilter.signals) features.set(`rule:${signal.rule}`, 1);
  return features;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logistic-regression probability for a feature vector. */
export function predictProbability(features: Features, weights: ReadonlyMap<string, number>, bias: number): number {
  let z = bias;
  for (const [name, value] of features) z += (weights.get(name) ?? 0) * value;
  return sigmoid(z);
}
