import { quoteExcerpt } from "../errors.ts";

/** The operands a command got, for a usage error: "none", or "'a.json', 'b.json'". */
export function describeOperands(positionals: readonly string[]): string {
  return positionals.length === 0 ? "none" : positionals.map((p) => `'${quoteExcerpt(p, 80)}'`).join(", ");
}
