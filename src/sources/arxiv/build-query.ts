import { HeadscoutError } from "../../errors.ts";
import type { PhraseCombination } from "../config.ts";

/** An inclusive interval of submission times, to the minute, in GMT. */
export interface SearchWindow {
  from: Date;
  to: Date;
}

export interface ArxivQuerySpec {
  phrases: readonly string[];
  combinations: readonly PhraseCombination[];
  categories: readonly string[];
  window: SearchWindow;
}

/**
 * The longest `search_query` sent. arXiv documents no limit, but long queries get slow answers and
 * 5xx under load; several short queries (merged afterwards) are the polite shape.
 */
export const MAX_ARXIV_QUERY_LENGTH = 1000;

/** `YYYYMMDDHHMM` in GMT, as arXiv's `submittedDate` range wants it. */
export function formatArxivDate(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16);
}

/**
 * The `search_query` values that together find every paper of the window matching a phrase (in
 * title or abstract) or a combination. Phrases are packed into as few queries as fit the length limit.
 */
export function buildArxivQueries(spec: ArxivQuerySpec, maxLength = MAX_ARXIV_QUERY_LENGTH): string[] {
  const suffix = querySuffix(spec);
  const budget = maxLength - suffix.length - 2; // the parentheses around the clause
  const queries: string[] = [];
  for (const group of packClauses(spec.phrases.map(phraseClause), budget, "phrases")) {
    queries.push(`(${group})${suffix}`);
  }
  spec.combinations.forEach((combination, index) => {
    const other = `(${combination.withAnyOf.map(phraseClause).join(" OR ")})`;
    const room = budget - other.length - " AND ()".length;
    for (const group of packClauses(combination.anyOf.map(phraseClause), room, `combinations[${index}]`)) {
      queries.push(`((${group}) AND ${other})${suffix}`);
    }
  });
  return queries;
}

function querySuffix(spec: ArxivQuerySpec): string {
  const window = ` AND submittedDate:[${formatArxivDate(spec.window.from)} TO ${formatArxivDate(spec.window.to)}]`;
  if (spec.categories.length === 0) return window;
  return `${window} AND (${spec.categories.map((c) => `cat:${c}`).join(" OR ")})`;
}

function phraseClause(phrase: string): string {
  // A quote inside a phrase would end it early; arXiv's tokenizer ignores punctuation anyway.
  const clean = phrase.replace(/["()]/g, " ").replace(/\s+/g, " ").trim();
  return `ti:"${clean}" OR abs:"${clean}"`;
}

function packClauses(clauses: readonly string[], budget: number, configKey: string): string[] {
  const groups: string[] = [];
  let current = "";
  for (const clause of clauses) {
    if (clause.length > budget) {
      throw new HeadscoutError(`sources.arxiv.${configKey}: the phrase clause ${clause} does not fit in an arXiv query`);
    }
    const joined = current ? `${current} OR ${clause}` : clause;
    if (joined.length > budget) {
      groups.push(current);
      current = clause;
    } else {
      current = joined;
    }
  }
  if (current) groups.push(current);
  return groups;
}
