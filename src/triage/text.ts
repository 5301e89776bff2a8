import { identityKey, identityOfPaper } from "../paper/identity.ts";
import type { Paper } from "../sources/paper.ts";

/** Title and abstract as one text, white space collapsed: what every rule and model reads. */
export function paperText(paper: Pick<Paper, "title" | "abstract">): string {
  return `${paper.title}\n${paper.abstract}`.replace(/\s+/g, " ").trim();
}

/**
 * The key a paper is known by in verdicts, reports and the ledger: the one identity rule's key
 * (`arxiv:2404.15574`, never with a version; else OpenReview id, DOI, normalised title).
 * Never a position in a list.
 */
export function paperKey(paper: Pick<Paper, "ids" | "title">): string {
  return identityKey(identityOfPaper(paper));
}

// Light stemming: enough to make "heads"/"head" and "circuits"/"circuit" one feature.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
    return word.slice(0, -1);
  }
  return word;
}

const STOP = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to we with our which these their into can than also such via using based while between both".split(" "),
);

/** Lower-cased, stemmed words (numbers dropped, LaTeX commands dropped), stop words removed. */
export function tokenize(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/\\[a-z]+/g, " ")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !/^\d+$/.test(w) && !STOP.has(w));
  return words.map(stem);
}

/** Unigrams and adjacent-word bigrams (`attention_head`). */
export function extractTerms(text: string): string[] {
  const words = tokenize(text);
  const terms = [...words];
  for (let i = 1; i < words.length; i++) terms.push(`${words[i - 1]}_${words[i]}`);
  return terms;
}
