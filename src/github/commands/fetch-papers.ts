import { describeError, redactSecrets, secretsInEnv } from "../../errors.ts";
import { createArxivLookup, fetchArxivByIds } from "../../sources/arxiv/lookup.ts";
import type { Paper } from "../../sources/paper.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import type { PaperRef } from "./paper-ref.ts";

export interface FetchedPapers {
  /** By the ref's key. */
  found: Map<string, Paper>;
  /** Each paper not fetched, with why (said in the reply). */
  missing: { ref: PaperRef; reason: string }[];
}

/**
 * Papers a maintainer named (`add`, a ticked near miss, `why-not`), looked up by id on arXiv
 * (`fetchArxivByIds`: one request, on the process's shared throttle and retries). OpenReview needs
 * a login and a search of its own: a paper named by an OpenReview id only is reported missing (its
 * arXiv id works).
 */
export async function fetchPapersById(refs: readonly PaperRef[], options: { env: Record<string, string | undefined>; fetch?: typeof fetch }): Promise<FetchedPapers> {
  const result: FetchedPapers = { found: new Map(), missing: [] };
  const arxiv = refs.filter((ref) => ref.kind === "arxiv");
  for (const ref of refs) if (ref.kind !== "arxiv") result.missing.push({ ref, reason: "headscout looks papers up on arXiv only for now: give its arXiv id" });
  if (arxiv.length === 0) return result;
  try {
    const lookup = createArxivLookup(readSourceSettings(options.env), options.fetch ? { fetch: options.fetch } : {});
    const papers = await fetchArxivByIds(lookup, arxiv.map((ref) => ref.identity.arxiv!));
    for (const ref of arxiv) {
      const paper = papers.find((p) => p.ids.arxiv === ref.identity.arxiv);
      if (paper) result.found.set(ref.key, paper);
      else result.missing.push({ ref, reason: "arXiv has no paper with this id" });
    }
  } catch (error) {
    // A reply is public: the operator's endpoint and keys stay out of it.
    const why = redactSecrets(describeError(error).split("\n")[0]!, secretsInEnv(options.env)).replace(/https?:\/\/\S+/g, "arXiv");
    for (const ref of arxiv) result.missing.push({ ref, reason: `arXiv could not be reached (${why})` });
  }
  return result;
}
