import type { PrefilterResult } from "../prefilter.ts";
import { buildFeatures, countTerms, predictProbability, type Features } from "./features.ts";
import type { OfflineModel } from "./model.ts";

export interface TrainingDoc {
  text: string;
  relevant: boolean;
  prefilter: Pick<PrefilterResult, "signals">;
  /** Extra weight in the loss (hard negatives count more); 1 when absent. */
  weight?: number;
}

export interface TrainOptions {
  version: string;
  /** Terms kept (by chi-square against the label). */
  vocabularySize: number;
  minDocumentFrequency: number;
  /** L2 penalty. */
  l2: number;
  epochs: number;
  learningRate: number;
  threshold: number;
}

export const defaultTrainOptions: TrainOptions = {
  version: "1",
  vocabularySize: 2500,
  minDocumentFrequency: 3,
  l2: 1e-4,
  epochs: 300,
  learningRate: 0.5,
  threshold: 0.5,
};

function chiSquare(a: number, b: number, c: number, d: number): number {
  // a: term & pos, b: term & neg, c: no term & pos, d: no term & neg
  const n = a + b + c + d;
  const den = (a + b) * (c + d) * (a + c) * (b + d);
  return den === 0 ? 0 : (n * (a * d - b * c) ** 2) / den;
}

/**
 * Logistic regression on TF-IDF + prefilter-rule features, full-batch gradient descent from
 * zero weights with class-balanced loss: deterministic for the same documents in the same order.
 */
export function trainOfflineModel(docs: readonly TrainingDoc[], options: TrainOptions = defaultTrainOptions): OfflineModel {
  const counts = docs.map((d) => countTerms(d.text));
  const df = new Map<string, { pos: number; neg: number }>();
  const positives = docs.filter((d) => d.relevant).length;
  const negatives = docs.length - positives;
  counts.forEach((termCounts, i) => {
    for (const term of termCounts.keys()) {
      const entry = df.get(term) ?? { pos: 0, neg: 0 };
      if (docs[i]!.relevant) entry.pos++;
      else entry.neg++;
      df.set(term, entry);
    }
  });
  const ranked = [...df]
    .filter(([, f]) => f.pos + f.neg >= options.minDocumentFrequency)
    .map(([term, f]) => ({ term, f, score: chiSquare(f.pos, f.neg, positives - f.pos, negatives - f.neg) }))
    .sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1))
    .slice(0, options.vocabularySize);
  const idf = new Map<string, number>();
  for (const { term, f } of ranked) idf.set(term, Math.log((docs.length + 1) / (f.pos + f.neg + 1)) + 1);

  // Dense indices for speed: training runs several times per build (cross-validation).
  const vectors: Features[] = docs.map((d, i) => buildFeatures(counts[i]!, idf, d.prefilter));
  const index = new Map<string, number>();
  const sparse = vectors.map((features) => {
    const ids = new Int32Array(features.size);
    const values = new Float64Array(features.size);
    let j = 0;
    for (const [name, value] of features) {
      let id = index.get(name);
      if (id === undefined) index.set(name, (id = index.size));
      ids[j] = id;
      values[j++] = value;
    }
    return { ids, values };
  });
  const w = new Float64Array(index.size);
  const squared = new Float64Array(index.size);
  const gradient = new Float64Array(index.size);
  let bias = 0;
  let biasSquared = 0;
  // Class-balanced: each class carries half the loss, whatever the base rate.
  const posWeight = docs.length / (2 * Math.max(1, positives));
  const negWeight = docs.length / (2 * Math.max(1, negatives));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < sparse.length; i++) {
      const { ids, values } = sparse[i]!;
      let z = bias;
      for (let j = 0; j < ids.length; j++) z += w[ids[j]!]! * values[j]!;
      const relevant = docs[i]!.relevant;
      const error = (1 / (1 + Math.exp(-z)) - (relevant ? 1 : 0)) * (relevant ? posWeight : negWeight) * (docs[i]!.weight ?? 1);
      biasGradient += error;
      for (let j = 0; j < ids.length; j++) gradient[ids[j]!]! += error * values[j]!;
    }
    // Adagrad: rare but telling terms still move.
    for (let f = 0; f < w.length; f++) {
      const step = gradient[f]! / docs.length + options.l2 * w[f]!;
      if (step === 0) continue;
      squared[f]! += step * step;
      w[f]! -= (options.learningRate * step) / Math.sqrt(squared[f]! + 1e-8);
    }
    const bStep = biasGradient / docs.length;
    biasSquared += bStep * bStep;
    bias -= (options.learningRate * bStep) / Math.sqrt(biasSquared + 1e-8);
  }
  const weights = new Map<string, number>();
  for (const [name, id] of index) weights.set(name, w[id]!);
  for (const [name, w] of weights) if (Math.abs(w) < 1e-4) weights.delete(name);
  for (const term of [...idf.keys()]) if (!weights.has(term)) idf.delete(term);
  // Which papers it saw is recorded by the build script, which knows their ids.
  return { version: options.version, threshold: options.threshold, bias, idf, weights, trainedArxivIds: new Set() };
}

/** The model's probability for one document. */
export function scoreDoc(model: OfflineModel, text: string, prefilter: Pick<PrefilterResult, "signals">): number {
  return predictProbability(buildFeatures(countTerms(text), model.idf, prefilter), model.weights, model.bias);
}
