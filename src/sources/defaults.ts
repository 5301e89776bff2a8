import { loadHeadRegistry, type HeadRegistry } from "../catalog/registry.ts";
import { containsPhrase, tokenizeForSearch } from "./arxiv/tokenize.ts";
import type { PhraseCombination } from "./config.ts";

/**
 * Phrases searched besides the registry's head types. "copying mechanism" keeps the pre-Transformer
 * copy-mechanism papers the catalog lists as retrieval/copy heads (e.g. CopyNet, 1603.06393).
 */
export const EXTRA_ARXIV_PHRASES = ["attention head", "copying mechanism", "copy mechanism"] as const;

/**
 * Papers that characterise heads without naming a head type: circuit and mechanistic analyses of
 * language models, and new head types ("crazy heads", "super heads") not yet in the registry.
 * On the recorded arXiv stream (../shared/eval/stream) these add ~9 papers a day to ~3 from the
 * phrases alone, and catch every relevant paper of the dev set the phrases miss.
 */
export const DEFAULT_ARXIV_COMBINATIONS: readonly PhraseCombination[] = [
  {
    anyOf: ["circuit", "mechanistic", "activation patching", "attention pattern"],
    withAnyOf: ["language model", "transformer", "LLM"],
  },
  { anyOf: ["head"], withAnyOf: ["attention", "attentional", "transformer", "language model", "LLM"] },
];

export const DEFAULT_OPENREVIEW_TERMS = ["attention heads"] as const;

/** The registry's head-type names and aliases plus the extra phrases, without redundant ones. */
export function defaultArxivPhrases(registry: HeadRegistry = loadHeadRegistry()): string[] {
  const spellings = registry.heads.flatMap((head) => [head.name, ...head.aliases]);
  return pruneRedundantPhrases([...spellings, ...EXTRA_ARXIV_PHRASES]);
}

/**
 * Drops spellings that search the same (after tokenising) and phrases that contain another one:
 * "name mover head" finds nothing "mover head" does not, so only the shorter is sent.
 */
export function pruneRedundantPhrases(phrases: readonly string[]): string[] {
  const byTokens = new Map<string, { phrase: string; tokens: string[] }>();
  for (const phrase of phrases) {
    const tokens = tokenizeForSearch(phrase);
    if (tokens.length > 0 && !byTokens.has(tokens.join(" "))) byTokens.set(tokens.join(" "), { phrase: phrase.toLowerCase(), tokens });
  }
  const all = [...byTokens.values()];
  return all
    .filter((a) => !all.some((b) => b !== a && b.tokens.length < a.tokens.length && containsPhrase(a.tokens, b.tokens)))
    .map((a) => a.phrase);
}
