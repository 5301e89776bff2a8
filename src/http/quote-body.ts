import { quoteExcerpt } from "../errors.ts";

/** A response body as an error message may quote it: a short excerpt, or "(empty body)". */
export function quoteBody(text: string): string {
  return quoteExcerpt(text) || "(empty body)";
}
