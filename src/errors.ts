/**
 * An error whose message is meant for the person running headscout: it names the source that
 * failed (a file, a feed, a request, a config key) and chains the underlying `cause`.
 * The CLI prints its message without a stack trace.
 */
export class HeadscoutError extends Error {
  override name = "HeadscoutError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The messages of an error and its causes, outermost first. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && parts.length < 10) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\n  caused by: ");
}
