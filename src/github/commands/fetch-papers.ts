import { describeError, redactSecrets, secretsInEnv } from "../../errors.ts";
import { createArxivLookup, fetchArxivByIds } from "../../sources/arxiv/lookup.ts";
import type { Paper } from "../../sources/paper.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import { createPaperLookup, fetchOpenReviewForum } from "../intake/find-paper.ts";
import type { PaperRef } from "./paper-ref.ts";

export interface FetchedPapers {
  /** By the ref's key. */
  found: Map<string, Paper>;
  /** Each paper not fetched, with why (said in the reply). */
  missing: { ref: PaperRef; reason: string }[];
}

/**
 * Papers a maintainer named (`add`, a ticked near miss, `why-not`), looked up by id: on arXiv
 * (`fetchArxivByIds`: one request, on the process's shared throttle and retries), and an OpenReview
 * forum on OpenReview when the server has an account (OPENREVIEW_USERNAME/PASSWORD).
 */
export async function fetchPapersById(refs: readonly PaperRef[], options: { env: Record<string, string | undefined>; fetch?: typeof fetch }): Promise<FetchedPapers> {
  const result: FetchedPapers = { found: new Map(), missing: [] };
  const arxiv = refs.filter((ref) => ref.kind === "arxiv");
  const settings = readSourceSettings(options.env);
  const openreview = createPaperLookup(settings, options.fetch ? { fetch: options.fetch } : {}).openreview;
  for (const ref of refs) {
    if (ref.kind === "arxiv") continue;
    if (ref.kind !== "openreview" || !ref.identity.openreview) {
      result.missing.push({ ref, reason: "headscout looks papers up by arXiv id or OpenReview forum: give one of those" });
    } else if (!openreview) {
      result.missing.push({ ref, reason: "this server has no OpenReview login (OPENREVIEW_USERNAME/PASSWORD): give its arXiv id" });
    } else {
      await fetchOpenReviewForum(openreview, ref.identity.openreview).then(
        (paper) => (paper ? void result.found.set(ref.key, paper) : void result.missing.push({ ref, reason: "OpenReview has no forum with this id" })),
        (error: unknown) => void result.missing.push({ ref, reason: `OpenReview could not be reached (${publicReason(error, options.env, "OpenReview", openreview.secrets())})` }),
      );
    }
  }
  if (arxiv.length === 0) return result;
  try {
    const lookup = createArxivLookup(settings, options.fetch ? { fetch: options.fetch } : {});
    const papers = await fetchArxivByIds(lookup, arxiv.map((ref) => ref.identity.arxiv!));
    for (const ref of arxiv) {
      const paper = papers.find((p) => p.ids.arxiv === ref.identity.arxiv);
      if (paper) result.found.set(ref.key, paper);
      else result.missing.push({ ref, reason: "arXiv has no paper with this id" });
    }
  } catch (error) {
    for (const ref of arxiv) result.missing.push({ ref, reason: `arXiv could not be reached (${publicReason(error, options.env, "arXiv")})` });
  }
  return result;
}

// A reply is public: the operator's endpoint, keys and the session's token stay out of it.
function publicReason(error: unknown, env: Record<string, string | undefined>, service: string, secrets: readonly (string | undefined)[] = []): string {
  const known = [...secretsInEnv(env), ...secrets.filter((s): s is string => Boolean(s))];
  return redactSecrets(describeError(error).split("\n")[0]!, known).replace(/https?:\/\/\S+/g, service);
}
