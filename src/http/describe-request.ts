import { redactSecrets } from "../errors.ts";

/**
 * "GET https://…" for messages, with any credentials in the URL taken out (a mirror's URL may
 * carry user:password, a query may carry a token) since errors end up in public comments.
 */
export function describeRequest(method: string, url: string): string {
  return `${method} ${redactSecrets(url)}`;
}
