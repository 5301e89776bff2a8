import { HeadscoutError, quoteExcerpt } from "../../errors.ts";
import { quoteBody } from "../../http/quote-body.ts";
import type { HttpResult } from "../http/request.ts";
import { SourceUnavailableError } from "../errors.ts";

/** OpenReview's error body: `{"name": "ChallengeRequiredError", "message": …, "status": 403}`. */
export function readOpenReviewError(response: HttpResult): { name: string; message: string } | undefined {
  try {
    const body = JSON.parse(response.text) as { name?: unknown; message?: unknown; status?: unknown } | null;
    if (typeof body?.name === "string") {
      return { name: body.name, message: typeof body.message === "string" ? body.message : "" };
    }
  } catch {
    // not JSON: described from the status alone
  }
  return undefined;
}

/** The error for a non-200 answer; a 403 (a bot challenge) makes the source unavailable for this run. */
export function openReviewFailure(response: HttpResult, what: string): HeadscoutError {
  const error = readOpenReviewError(response);
  const detail = error ? quoteExcerpt(`${error.name}${error.message ? `: ${error.message}` : ""}`) : quoteBody(response.text);
  if (response.status === 403 || error?.name === "ChallengeRequiredError") {
    return new SourceUnavailableError(`OpenReview refused ${what} with HTTP ${response.status} (${detail}); it wants a browser challenge solved`);
  }
  return new HeadscoutError(`OpenReview answered HTTP ${response.status} for ${what} (${detail})`);
}
