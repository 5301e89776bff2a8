import type { Config } from "../../config/schema.ts";
import { HeadscoutError } from "../../errors.ts";

/**
 * What an operator allows the repositories they serve, from the server's environment:
 * - HEADSCOUT_LLM_MODELS: the models a repository may choose, each with its prices per million
 *   tokens (`gpt-5.4-mini=0.75/0.075/4.5,gpt-5.4=2.5/0.25/15`: input/cached input/output); the
 *   first is the default. Unset: any model, at the config's prices.
 * - HEADSCOUT_MAX_ARXIV_RESULTS: results read per arXiv query at most (default 10,000, the config's default);
 * - HEADSCOUT_MAX_ARXIV_PHRASES: phrases a repository's arXiv search may list (default 200).
 */
export interface OperatorPolicy {
  models?: { name: string; input: number; cachedInput: number; output: number }[];
  maxArxivResults: number;
  maxArxivPhrases: number;
}

function readWhole(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new HeadscoutError(`${name}=${value} is not a positive whole number`);
  return Number(value);
}

export function readOperatorPolicy(env: Record<string, string | undefined>): OperatorPolicy {
  const policy: OperatorPolicy = { maxArxivResults: readWhole(env, "HEADSCOUT_MAX_ARXIV_RESULTS", 10_000), maxArxivPhrases: readWhole(env, "HEADSCOUT_MAX_ARXIV_PHRASES", 200) };
  const list = env.HEADSCOUT_LLM_MODELS?.trim();
  if (!list) return policy;
  policy.models = list.split(",").map((item) => {
    const m = /^\s*([^=\s]+)\s*=\s*([\d.]+)\/([\d.]+)\/([\d.]+)\s*$/.exec(item);
    if (!m) throw new HeadscoutError(`HEADSCOUT_LLM_MODELS: '${item.trim()}' is not name=input/cached/output (USD per million tokens)`);
    return { name: m[1]!, input: Number(m[2]), cachedInput: Number(m[3]), output: Number(m[4]) };
  });
  return policy;
}

/**
 * A repository's config within what the operator allows: a model outside the allowlist becomes the
 * operator's default, prices are the operator's, and the arXiv search's breadth is bounded. Each
 * change is a note for the scan's report, not an error: the config belongs to the repository.
 */
export function applyOperatorPolicy(config: Config, policy: OperatorPolicy): { config: Config; notes: string[] } {
  const notes: string[] = [];
  const next = structuredClone(config);
  const llm = next.triage.llm;
  if (policy.models) {
    const chosen = policy.models.find((m) => m.name === llm.model) ?? policy.models[0]!;
    if (chosen.name !== llm.model) notes.push(`triage.llm.model ${llm.model} is not among the models this server allows: using ${chosen.name}`);
    Object.assign(llm, { model: chosen.name, pricePerMillionInput: chosen.input, pricePerMillionCachedInput: chosen.cachedInput, pricePerMillionOutput: chosen.output });
  }
  const arxiv = next.sources.arxiv;
  if (arxiv.maxResults > policy.maxArxivResults) {
    notes.push(`sources.arxiv.maxResults ${arxiv.maxResults} is above this server's ${policy.maxArxivResults}: using ${policy.maxArxivResults}`);
    arxiv.maxResults = policy.maxArxivResults;
  }
  if (arxiv.phrases && arxiv.phrases.length > policy.maxArxivPhrases) {
    notes.push(`sources.arxiv.phrases lists ${arxiv.phrases.length} phrases, above this server's ${policy.maxArxivPhrases}: using the first ${policy.maxArxivPhrases}`);
    arxiv.phrases = arxiv.phrases.slice(0, policy.maxArxivPhrases);
  }
  return { config: next, notes };
}
