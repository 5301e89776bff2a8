import { describeError, redactSecrets, secretsInEnv } from "../../errors.ts";
import { parseArxivFeed } from "../../sources/arxiv/parse-atom.ts";
import type { Paper } from "../../sources/paper.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import type { PaperRef } from "./paper-ref.ts";

export interface FetchedPapers {
  /** By the ref's key. */
  found: Map<string, Paper>;
  /** Each paper not fetched, with why (said in the reply). */
  missing: { ref: PaperRef; reason: string }[];
}

const TIMEOUT_MS = 30_000;

/**
 * Papers a maintainer named (`add`, a ticked near miss), looked up by id: arXiv's export API with
 * `id_list`, one request for all of them, at the operator's endpoint. OpenReview needs a login and
 * a search of its own: a paper named by an OpenReview id only is reported missing (its arXiv id works).
 */
export async function fetchPapersById(refs: readonly PaperRef[], options: { env: Record<string, string | undefined>; fetch?: typeof fetch }): Promise<FetchedPapers> {
  const result: FetchedPapers = { found: new Map(), missing: [] };
  const arxiv = refs.filter((ref) => ref.kind === "arxiv");
  for (const ref of refs) if (ref.kind !== "arxiv") result.missing.push({ ref, reason: "headscout looks papers up on arXiv only for now: give its arXiv id" });
  if (arxiv.length === 0) return result;
  const settings = readSourceSettings(options.env);
  const ids = arxiv.map((ref) => ref.identity.arxiv!);
  const url = `${settings.arxivApiUrl}?${new URLSearchParams({ id_list: ids.join(","), max_results: String(ids.length) }).toString()}`;
  try {
    const response = await (options.fetch ?? fetch)(url, { headers: { "User-Agent": settings.userAgent, Accept: "application/atom+xml" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    if (!response.ok) throw new Error(`arXiv answered HTTP ${response.status}`);
    const { papers } = parseArxivFeed(text, "arXiv");
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
