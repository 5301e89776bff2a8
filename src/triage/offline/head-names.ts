import type { HeadRegistry } from "../../catalog/registry.ts";
import type { EvidencedTag } from "../verdict.ts";

// Words before "heads" that quantify or describe rather than name a function.
const NOT_A_NAME = new Set(
  ("attention self-attention self-attentional the these those this that all some few many several multiple other different " +
    "specific individual certain key critical important top selected such more most fewer less each every any two three four " +
    "five ten single distinct separate specialized specialised functional emergent identified found remaining relevant " +
    "detection classification prediction output task decoder lightweight shared multi and or of in by with from to " +
    "dedicated sparse dense parallel additional learned trained underlying responsible exist exists find finds identify " +
    "identifies contain contains edit target targeted pruning prune encoder confident reusable")
    .split(" "),
);

function titleCase(words: string): string {
  return words
    .split(/([\s-])/)
    .map((w) => (/^[a-z]/.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join("");
}

/**
 * Head types the text names that the registry lacks ("crazy heads" → "Crazy Head"), with the
 * words as evidence: suggestions for the maintainers, flagged as such.
 */
export function suggestNewHeadTypes(text: string, registry: HeadRegistry): EvidencedTag[] {
  const out: EvidencedTag[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/\b(?:([A-Za-z][A-Za-z-]*) )?([A-Za-z][A-Za-z-]{2,}) heads?\b/g)) {
    const previous = m[1];
    const word = m[2]!;
    const lower = word.toLowerCase();
    if (NOT_A_NAME.has(lower) || lower.endsWith("ly") || /^(?:multi|two|single|hybrid|non)-|-specific$/.test(lower)) continue;
    // Part of a longer registry name ("previous token heads", "subword merging heads").
    if (previous && registry.find(`${previous} ${word} Head`)) continue;
    const name = `${titleCase(lower)} Head`;
    if (registry.find(name) || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, evidence: `${word} ${m[0].split(" ").pop()}` });
  }
  return out.slice(0, 3);
}
