import { HeadscoutError } from "../errors.ts";

/**
 * A source that cannot be used in this run for a reason outside headscout (no credentials, a bot
 * challenge): reported as "unavailable", not as a failure, and the scan goes on without it.
 */
export class SourceUnavailableError extends HeadscoutError {
  override name = "SourceUnavailableError";
}
