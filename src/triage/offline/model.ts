import { readFileSync } from "node:fs";
import { z } from "zod";
import { HeadscoutError } from "../../errors.ts";
import { dataPath } from "../../paths.ts";

/** data/offline-model.json: what scripts/build-offline-model.ts writes and the offline mode reads. */
export const offlineModelFileSchema = z.object({
  format: z.literal("headscout-offline-model"),
  version: z.string(),
  /** How it was built: data counts and held-out figures, for the record. */
  trainedOn: z.record(z.string(), z.unknown()),
  threshold: z.number(),
  bias: z.number(),
  /** term → [idf, weight] */
  terms: z.record(z.string(), z.tuple([z.number(), z.number()])),
  /** prefilter rule → weight */
  rules: z.record(z.string(), z.number()),
});
export type OfflineModelFile = z.infer<typeof offlineModelFileSchema>;

export interface OfflineModel {
  version: string;
  threshold: number;
  bias: number;
  idf: Map<string, number>;
  weights: Map<string, number>;
  /** arXiv ids of the labelled papers it was trained on (so evaluations can say when they are in-sample). */
  trainedArxivIds: ReadonlySet<string>;
}

function readTrainedIds(trainedOn: Record<string, unknown>): Set<string> {
  const lists = [trainedOn.positiveArxivIds, trainedOn.devArxivIds].filter(Array.isArray) as unknown[][];
  return new Set(lists.flat().filter((id): id is string => typeof id === "string"));
}

export function modelFromFile(file: OfflineModelFile): OfflineModel {
  const idf = new Map<string, number>();
  const weights = new Map<string, number>();
  for (const [term, [termIdf, weight]] of Object.entries(file.terms)) {
    idf.set(term, termIdf);
    weights.set(term, weight);
  }
  for (const [rule, weight] of Object.entries(file.rules)) weights.set(`rule:${rule}`, weight);
  return { version: file.version, threshold: file.threshold, bias: file.bias, idf, weights, trainedArxivIds: readTrainedIds(file.trainedOn) };
}

export function modelToFile(model: OfflineModel, trainedOn: Record<string, unknown>): OfflineModelFile {
  const terms: Record<string, [number, number]> = {};
  const rules: Record<string, number> = {};
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  for (const [name, weight] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith("rule:")) rules[name.slice(5)] = round(weight);
    else terms[name] = [round(model.idf.get(name) ?? 0), round(weight)];
  }
  return {
    format: "headscout-offline-model",
    version: model.version,
    trainedOn,
    threshold: round(model.threshold),
    bias: round(model.bias),
    terms,
    rules,
  };
}

let shipped: OfflineModel | undefined;

/** The model shipped in data/offline-model.json (built by `npm run build:model`). */
export function loadOfflineModel(path = dataPath("offline-model.json")): OfflineModel {
  if (path === dataPath("offline-model.json") && shipped) return shipped;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new HeadscoutError(`Cannot read the offline model ${path} (run \`npm run build:model\`)`, { cause: error });
  }
  const parsed = offlineModelFileSchema.safeParse(raw);
  if (!parsed.success) throw new HeadscoutError(`Invalid offline model ${path}: ${parsed.error.issues[0]?.message}`);
  const model = modelFromFile(parsed.data);
  if (path === dataPath("offline-model.json")) shipped = model;
  return model;
}
