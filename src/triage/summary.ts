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

const LINK = /\bhttps?:\/\/|\bwww\.|\]\(/i;

const wordsIn = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;

/** Cuts a sentence to at most `words` words, at the last clause boundary when there is one. */
function truncateWords(sentence: string, words: number): string {
  const parts = sentence.split(/\s+/);
  if (parts.length <= words) return sentence;
  const head = parts.slice(0, words);
  const clauseEnd = head.findLastIndex((w, i) => i >= words / 2 && /[,;:]$/.test(w));
  const kept = clauseEnd >= 0 ? head.slice(0, clauseEnd + 1) : head;
  return `${kept.join(" ").replace(/[,;:]$/, "")}…`;
}

/**
 * Fits the bullets into the word budget: whole sentences when they fit, otherwise the longest
 * ones are cut first, so short sentences are never cut for the sake of long ones.
 */
function fitToBudget(sentences: readonly string[], budget: number): string[] {
  const allowed = sentences.map(wordsIn);
  while (allowed.reduce((a, b) => a + b, 0) > budget) {
    const longest = allowed.indexOf(Math.max(...allowed));
    allowed[longest]!--;
  }
  return sentences.map((sentence, i) => truncateWords(sentence, allowed[i]!));
}

/** Three sentences of this length fit the catalog's 60-word budget whole. */
const WHOLE_SENTENCE_WORDS = 20;

const NEW = /\b(?:we (?:propose|introduce|present|identify|find|discover|show|reveal|uncover)|this (?:paper|work)|in this (?:paper|work))\b/i;
const HOW = /\b(?:we (?:use|apply|analy[sz]e|study|investigate|examine|evaluate|probe|conduct|train|perform|employ)|using|through|via|experiments?|ablation|patching)\b/i;
const RESULT = /\b(?:results?|show|shows|achiev\w*|improv\w*|reduc\w*|outperform\w*|reveal\w*|find|finds|found|demonstrat\w*|suggest\w*|%)\b/i;

/**
 * Three bullets picked from the abstract's own sentences (what is new, how, the result), short
 * ones preferred, cut only where the three would exceed 60 words. Extractive: it never says more
 * than the authors. `allowed` leaves out sentences that may not reach a catalog row.
 */
export function extractiveSummary(
  abstract: string,
  headWords: readonly string[] = ["head"],
  allowed: (sentence: string) => boolean = () => true,
): string[] {
  // A sentence with a link is about a resource ("Our code is available at …"), and without its
  // link it is a fragment: it never becomes a bullet.
  const sentences = splitSentences(abstract)
    .filter((s) => !LINK.test(s))
    .map(sanitizeBullet)
    .filter((s) => s.length > 20 && allowed(s));
  if (sentences.length === 0) return [];
  const headTerms = new Set(headWords.flatMap((w) => tokenize(w)));
  const mentionsHeads = (s: string) => tokenize(s).some((t) => headTerms.has(t));
  const used = new Set<number>();
  // Tries each test in turn, then any sentence not yet used; within a test a sentence short
  // enough to stay whole wins over an earlier long one.
  const pick = (...tests: ((s: string, i: number) => boolean)[]): number => {
    for (const test of [...tests, () => true]) {
      const fits = sentences.findIndex((s, j) => !used.has(j) && test(s, j) && wordsIn(s) <= WHOLE_SENTENCE_WORDS);
      const i = fits >= 0 ? fits : sentences.findIndex((s, j) => !used.has(j) && test(s, j));
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
  return fitToBudget(chosen.map((i) => sentences[i]!), MAX_SUMMARY_WORDS);
}
