import { quoteExcerpt } from "../errors.ts";

// What a person can act on, for the codes Node's fetch (undici) puts in the cause of "fetch failed".
const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ENOTFOUND: "DNS lookup failed: no such host",
  EAI_AGAIN: "DNS lookup failed (temporary failure)",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "no answer headers in time",
  UND_ERR_BODY_TIMEOUT: "the answer stopped arriving",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "the connection closed unexpectedly",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host",
};

/**
 * Why a fetch threw, in words: "connection refused (ECONNREFUSED)", "DNS lookup failed: no such
 * host (ENOTFOUND)", "no answer within 120 s", rather than undici's bare "fetch failed". The code is
 * looked for along the cause chain (and inside an AggregateError, as a dual-stack connect gives).
 */
export function describeFetchFailure(error: unknown, timeoutMs?: number): string {
  if (isTimeout(error)) return timeoutMs === undefined ? "no answer in time" : `no answer within ${formatSeconds(timeoutMs)} s`;
  const code = findCode(error);
  if (code) return `${CODES[code] ?? quoteExcerpt(messageOf(findCoded(error)) || code)} (${code})`;
  return quoteExcerpt(messageOf(error)) || "unknown network error";
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || (error.name === "AbortError" && isTimeout(error.cause)));
}

function findCode(error: unknown): string | undefined {
  const coded = findCoded(error);
  return coded ? String((coded as { code: unknown }).code) : undefined;
}

function findCoded(error: unknown, depth = 0): unknown {
  if (!error || typeof error !== "object" || depth > 8) return undefined;
  if (typeof (error as { code?: unknown }).code === "string") return error;
  for (const inner of (error as { errors?: unknown[] }).errors ?? []) {
    const found = findCoded(inner, depth + 1);
    if (found) return found;
  }
  return findCoded((error as { cause?: unknown }).cause, depth + 1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? "");
}

export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}
