import { describe, expect, it } from "vitest";
import { describeError, HeadscoutError, quoteExcerpt, redactSecrets } from "../../src/errors.ts";

describe("describeError", () => {
  it("follows the cause chain, one line per cause", () => {
    const error = new HeadscoutError("cannot read config file x.yml", { cause: Object.assign(new Error("ENOENT: no such file or directory, open 'x.yml'"), { code: "ENOENT" }) });
    expect(describeError(error)).toBe("cannot read config file x.yml\n  caused by: ENOENT: no such file or directory, open 'x.yml'");
  });

  it("stops where the message already says what the cause says", () => {
    const zodLike = new Error(JSON.stringify([{ code: "too_big", path: ["a"], message: "Too big" }], null, 2));
    expect(describeError(new HeadscoutError("Invalid configuration in x.yml:\n  - a: Too big", { cause: zodLike, causeDescribed: true }))).toBe("Invalid configuration in x.yml:\n  - a: Too big");
    // A cause whose text the message already quotes is not repeated either.
    expect(describeError(new HeadscoutError("feed for GET /q: Unclosed tag 'x'", { cause: new Error("Unclosed tag 'x'") }))).toBe("feed for GET /q: Unclosed tag 'x'");
  });

  it("quotes a huge cause as a short excerpt", () => {
    const text = describeError(new HeadscoutError("parse failed", { cause: new Error(`Invalid '${'"x", '.repeat(1_000_000)}' found.`) }));
    expect(text.length).toBeLessThan(260);
    expect(text).toMatch(/^parse failed\n {2}caused by: Invalid '"x", "x", .*…$/);
  });
});

describe("quoteExcerpt", () => {
  it("collapses white space and cuts at 200 characters with an ellipsis, never inside a surrogate pair", () => {
    expect(quoteExcerpt("  a\n\n b  ")).toBe("a b");
    expect(quoteExcerpt("x".repeat(300))).toBe(`${"x".repeat(200)}…`);
    expect(quoteExcerpt(`${"x".repeat(199)}😀tail`)).toBe(`${"x".repeat(199)}…`);
  });
});

describe("redactSecrets", () => {
  it("removes known values and anything shaped like a credential", () => {
    const text = [
      "login as bot with hunter2-secret",
      "GET https://reader:pw@mirror.example.org/api?q=1&api_key=abc123&x=2",
      "Authorization: Bearer abcdefghijklmnop",
      "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
      "key sk-proj-AAAAAAAAAAAAAAAAAAAA",
    ].join("\n");
    expect(redactSecrets(text, ["hunter2-secret"])).toBe(
      [
        "login as bot with [redacted]",
        "GET https://[redacted]@mirror.example.org/api?q=1&api_key=[redacted]&x=2",
        "Authorization: Bearer [redacted]",
        "token [redacted]",
        "key [redacted]",
      ].join("\n"),
    );
  });
});
