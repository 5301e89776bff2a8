import { tokenize } from "./text.ts";

export const MAX_SUMMARY_WORDS = 60;

export function countWords(bullets: readonly string[]): number {
  return bullets.reduce((n, b) => n + b.split(/\s+/).filter(Boolean).length, 0);
}

/**
 * What may go into the catalog from a model's bullet: plain text only. Links, HTML, markdown
 * emphasis, @mentions and table pipes are removed so that a summary cannot smuggle markup or
 * pings into the README or the PR.
 */
export function sanitizeBullet(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\bhttps?:\/\/\S+/gi, " ")
    .replace(/\bwww\.\S+/gi, " ")
    .replace(/(^|\s)@(\w)/g, "$1$2")
    .replace(/[*_`|#>]/g, "")
    .replace(/^[\s•\-–]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function splitSentences(abstract: string): string[] {
  return abstract
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

function truncateWords(sentence: string, words: number): string {
  const parts = sentence.split(/\s+/);
  return parts.length <= words ? sentence : `${parts.slice(0, words).join(" ").replace(/[,;:]$/, "")}…`;
}

const NEW = /\b(?:we (?:propose|introduce|present|identify|find|discover|show|reveal|uncover)|this (?:paper|work)|in this (?:paper|work))\b/i;
const HOW = /\b(?:we (?:use|apply|analy[sz]e|study|investigate|examine|evaluate|probe|conduct|train|perform|employ)|using|through|via|experiments?|ablation|patching)\b/i;
const RESULT = /\b(?:results?|show|shows|achiev\w*|improv\w*|reduc\w*|outperform\w*|reveal\w*|find|finds|found|demonstrat\w*|suggest\w*|%)\b/i;

/**
 * Three bullets picked from the abstract's own sentences (what is new, how, the result), each
 * cut so that the three stay within 60 words. Extractive: it never says more than the authors.
 */
export function extractiveSummary(abstract: string, headWords: readonly string[] = ["head"]): string[] {
  const sentences = splitSentences(sanitizeBullet(abstract));
  if (sentences.length === 0) return [];
  const headTerms = new Set(headWords.flatMap((w) => tokenize(w)));
  const mentionsHeads = (s: string) => tokenize(s).some((t) => headTerms.has(t));
  const used = new Set<number>();
  // Tries each test in turn, then any sentence not yet used.
  const pick = (...tests: ((s: string, i: number) => boolean)[]): number => {
    for (const test of [...tests, () => true]) {
      const i = sentences.findIndex((s, j) => !used.has(j) && test(s, j));
      if (i >= 0) {
        used.add(i);
        return i;
      }
    }
    return -1;
  };
  const first = pick((s) => NEW.test(s) && mentionsHeads(s), (s) => NEW.test(s), (s) => mentionsHeads(s));
  const second = pick((s, i) => i > first && HOW.test(s), (_, i) => i > first);
  const third = pick(
    (s, i) => i > Math.max(first, second) && RESULT.test(s),
    (_, i) => i > Math.max(first, second),
    (s) => RESULT.test(s),
  );
  const chosen = [first, second, third].filter((i) => i >= 0).sort((a, b) => a - b);
  const budget = Math.floor(MAX_SUMMARY_WORDS / Math.max(1, chosen.length));
  return chosen.map((i) => truncateWords(sentences[i]!, budget));
}
