import { describe, expect, it } from "vitest";
import { describeFetchFailure } from "../../src/http/describe-fetch-failure.ts";
import { readBodyCapped, ResponseTooLargeError } from "../../src/http/read-body-capped.ts";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe("readBodyCapped", () => {
  it("decodes a character split across chunks, as Response.text() would", async () => {
    const bytes = new TextEncoder().encode("Schön — 注意力头");
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await readBodyCapped(new Response(streamOf(chunks)), 1000, "a test answer")).toBe("Schön — 注意力头");
  });

  it("reads a body of exactly the limit, and fails one byte past it", async () => {
    expect(await readBodyCapped(new Response("x".repeat(10)), 10, "a test answer")).toBe("x".repeat(10));
    const error = await readBodyCapped(new Response("x".repeat(11)), 10, "the test server's answer to GET /q").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe("the test server's answer to GET /q is larger than the 10 bytes limit (stopped after 11 bytes; HEADSCOUT_MAX_RESPONSE_BYTES sets it)");
  });

  it("cancels the body at once when Content-Length is over the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = new Response(body, { headers: { "Content-Length": String(300 * 1024 * 1024) } });
    await expect(readBodyCapped(response, 50 * 1024 * 1024, "an answer")).rejects.toThrow(/larger than the 50 MB limit \(Content-Length 300 MB;/);
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe("describeFetchFailure", () => {
  it("names timeouts, refused connections and DNS failures instead of 'fetch failed'", () => {
    const coded = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
    expect(describeFetchFailure(new DOMException("The operation was aborted due to timeout", "TimeoutError"), 120_000)).toBe("no answer within 120 s");
    expect(describeFetchFailure(coded("ECONNREFUSED"))).toBe("connection refused (ECONNREFUSED)");
    expect(describeFetchFailure(coded("EAI_AGAIN"))).toBe("DNS lookup failed (temporary failure) (EAI_AGAIN)");
    expect(describeFetchFailure(coded("ESOMETHINGNEW"))).toBe("ESOMETHINGNEW (ESOMETHINGNEW)");
    expect(describeFetchFailure(new TypeError("fetch failed"))).toBe("fetch failed");
  });
});
