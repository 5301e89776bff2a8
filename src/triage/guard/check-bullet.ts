import { tokenize } from "../text.ts";
import { findInstructionLikeText } from "./instructions.ts";

// Words a summary uses about any paper ("introduces", "evaluated", "results"): they need no support in the abstract.
const SUMMARY_WORDS = new Set(
  tokenize(
    "paper papers work study studies author authors introduce introduces introduced introducing present presents presented propose proposes proposed " +
      "show shows showed shown demonstrate demonstrates demonstrated find finds found reveal reveals revealed identify identifies identified " +
      "analyze analyzes analyzed analyse analyses analysed analysis investigate investigates investigated examine examines examined explore explores explored " +
      "evaluate evaluates evaluated evaluation use uses used using apply applies applied key new novel approach method methods result results finding findings " +
      "effect effects effective effectively significant significantly improve improves improved improvement various several multiple different across " +
      "including specific specifically well also further more most less both each other many such like model models llm llms",
  ),
);

/** At least this share of a bullet's own content words must occur in the title or abstract. */
export const MIN_GROUNDED_SHARE = 0.4;

const LINK = /\bhttps?:\/\/|\bwww\.|\]\(|\bftp:\/\//i;
const DOMAIN = /\b[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,24})\b(?:\/\S*)?/i;
const EMAIL_OR_MENTION = /\S@\S|(?:^|\s)@\w/;
const MARKUP = /<\/?[a-z!][^>]*>|`|\||\*\*|!\[|&#?\w+;/i;
// A catalog bullet speaks about the paper: second person or talk of the catalog itself is someone's instruction.
const ADDRESSING = /\b(?:you|your|yours|readers?|catalog(?:ue)?|curators?|maintainers?|triage|visit|click|bookmark|subscribe)\b|\btag(?:ged)?\s+(?:as|with|under)\b|\bmust\s+be\s+(?:included|listed|tagged|added|accepted)\b/i;

function nonLatinShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  return letters.filter((c) => !/\p{Script=Latin}/u.test(c)).length / letters.length;
}

/** The words of the title and abstract, as `groundingShare` compares them. */
export function sourceTerms(text: string): Set<string> {
  return new Set(tokenize(text));
}

/** The share of a bullet's content words (beyond words any summary uses) found in the source; 1 when it has none. */
export function groundingShare(bullet: string, source: ReadonlySet<string>): number {
  const own = tokenize(bullet).filter((t) => !SUMMARY_WORDS.has(t));
  if (own.length === 0) return 1;
  return own.filter((t) => source.has(t)).length / own.length;
}

/**
 * Why a summary bullet may not go into a catalog row, or undefined when it may: it must be plain
 * English prose about the paper, grounded in the paper's own words, with no link, bare domain,
 * address, mention, markup, or words addressed to a reader or tool.
 */
export function findBulletProblem(bullet: string, source: ReadonlySet<string>): string | undefined {
  if (LINK.test(bullet)) return "contains a link";
  if (EMAIL_OR_MENTION.test(bullet)) return "contains an address or a mention";
  if (MARKUP.test(bullet)) return "contains markup";
  const domain = DOMAIN.exec(bullet);
  if (domain && /[a-z]/i.test(domain[0].split(".").at(-1)!)) return `contains a domain name (${domain[0]})`;
  const instruction = findInstructionLikeText(bullet);
  if (instruction) return `contains an instruction ("${instruction}")`;
  const addressing = ADDRESSING.exec(bullet);
  if (addressing) return `addresses a reader or the catalog ("${addressing[0]}")`;
  if (nonLatinShare(bullet) > 0.2) return "is not in English";
  const share = groundingShare(bullet, source);
  if (share < MIN_GROUNDED_SHARE) return `is not grounded in the abstract (${Math.round(share * 100)}% of its words are the paper's)`;
  return undefined;
}
