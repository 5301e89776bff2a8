import { HeadscoutError } from "../errors.ts";
import { formatBytes } from "./max-response-bytes.ts";

/** A response body longer than the operator's limit: the request failed, the rest was never read. */
export class ResponseTooLargeError extends HeadscoutError {
  override name = "ResponseTooLargeError";
}

/**
 * A response's body as text, read chunk by chunk and given up as soon as it passes `maxBytes`
 * (or at once when Content-Length says it will): a 200 MB body without Content-Length costs
 * `maxBytes` of memory at most, never the whole body. `what` names the service and the request
 * ("arXiv's answer to GET …"). Decoded as UTF-8 with replacement characters, as `Response.text()` does.
 */
export async function readBodyCapped(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = (size: string) =>
    new ResponseTooLargeError(`${what} is larger than the ${formatBytes(maxBytes)} limit (${size}; HEADSCOUT_MAX_RESPONSE_BYTES sets it)`);
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`Content-Length ${formatBytes(declared)}`);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`stopped after ${formatBytes(received)}`);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}
