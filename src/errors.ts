/**
 * An error whose message is meant for the person running headscout: it names the source that
 * failed (a file, a feed, a request, a config key) and chains the underlying `cause`.
 * The CLI prints its message without a stack trace.
 */
export class HeadscoutError extends Error {
  override name = "HeadscoutError";
  /**
   * The message already says all the cause would (an fs error's code, zod's per-key issues, an
   * excerpt of a parser's complaint): describeError does not repeat the cause after it.
   */
  readonly causeDescribed: boolean;

  constructor(message: string, options?: { cause?: unknown; causeDescribed?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.causeDescribed = options?.causeDescribed ?? false;
  }
}

/**
 * A bad command-line argument value (`--since yesterday`, a missing file argument): the CLI prints
 * the message and the command's usage and exits 2.
 */
export class UsageError extends HeadscoutError {
  override name = "UsageError";
}

/** How much of someone else's text (a response body, a parser's complaint) a message may quote. */
export const EXCERPT_LENGTH = 200;

/**
 * Text from outside headscout, made fit to quote in one line: white space collapsed, cut to
 * `max` characters with "…". A 300 KB error page or a parser listing 10⁶ open tags stays short.
 */
export function quoteExcerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const collapsed = flat.replace(/\s+/g, " ").trim();
  if (collapsed.length <= max && flat.length === text.length) return collapsed;
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(collapsed[max - 1] ?? "") ? max - 1 : max;
  return `${collapsed.slice(0, end)}…`;
}

/**
 * The messages of an error and its causes, outermost first. A cause is left out when an outer
 * message already says it (`causeDescribed`, or its text already appears), and each cause is
 * quoted as an excerpt, so a library's JSON dump or a huge parser message never floods the output.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && parts.length < 10) {
    const message = current instanceof Error ? current.message : String(current);
    const text = parts.length === 0 ? message : quoteExcerpt(message);
    if (text && !parts.some((part) => part.includes(text))) parts.push(text);
    if (current instanceof HeadscoutError && current.causeDescribed) break;
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\n  caused by: ");
}

const REDACTED = "[redacted]";

// Shapes of credentials that may reach a message through a URL, a header or a server's echo.
const SECRET_SHAPES: [RegExp, string][] = [
  [/(\/\/)[^/@\s:]*:[^/@\s]*@/g, `$1${REDACTED}@`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/([?&](?:api[_-]?key|key|token|access_token|password|secret)=)[^&#\s]+/gi, `$1${REDACTED}`],
];

/**
 * Text with credentials taken out: the given secret values wherever they appear, and anything
 * shaped like one (a URL's user:password, a bearer token, a JWT, an API key, a `token=` parameter).
 * Errors end up in public places (a GitHub comment, a CI log).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const values = secrets.filter((s): s is string => !!s && s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of values) out = out.split(secret).join(REDACTED);
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** The values of environment variables whose names say they hold a secret (…_KEY, …_TOKEN, …_PASSWORD, …_SECRET). */
export function secretsInEnv(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value && /(KEY|TOKEN|PASSWORD|PASSWD|SECRET)$/i.test(name))
    .map(([, value]) => value!);
}
