import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { readSourceSettings } from "../../src/sources/settings.ts";
import { parseRetryAfter } from "../../src/sources/http/retry-after.ts";

describe("readSourceSettings", () => {
  it("defaults to arXiv's and OpenReview's public APIs, 3 s apart, without OpenReview credentials", () => {
    const settings = readSourceSettings({ OPENREVIEW_USERNAME: "bot@example.org" });
    expect(settings).toMatchObject({
      arxivApiUrl: "https://export.arxiv.org/api/query",
      arxivIntervalMs: 3000,
      openreviewApiUrl: "https://api2.openreview.net",
    });
    // A username without a password is no login.
    expect(settings.openreviewCredentials).toBeUndefined();
    expect(settings.maxResponseBytes).toBe(50 * 1024 * 1024);
    expect(readSourceSettings({ HEADSCOUT_MAX_RESPONSE_BYTES: "1000" }).maxResponseBytes).toBe(1000);
  });

  it("takes base URLs, credentials and the interval from the environment", () => {
    const settings = readSourceSettings({
      ARXIV_API_URL: "http://localhost:8080/api/query",
      ARXIV_INTERVAL_MS: "0",
      OPENREVIEW_API_URL: "http://localhost:9090/",
      OPENREVIEW_USERNAME: "bot@example.org",
      OPENREVIEW_PASSWORD: "pw",
    });
    expect(settings).toMatchObject({
      arxivApiUrl: "http://localhost:8080/api/query",
      arxivIntervalMs: 0,
      openreviewApiUrl: "http://localhost:9090",
      openreviewCredentials: { username: "bot@example.org", password: "pw" },
    });
  });

  it("refuses an interval under 3 s for arXiv itself", () => {
    expect(() => readSourceSettings({ ARXIV_INTERVAL_MS: "1000" })).toThrow(/ARXIV_INTERVAL_MS=1000 is below arXiv's limit/);
    expect(() => readSourceSettings({ ARXIV_API_URL: "https://arxiv.org/api/query", ARXIV_INTERVAL_MS: "500" })).toThrow(/mirror/);
    expect(readSourceSettings({ ARXIV_INTERVAL_MS: "5000" }).arxivIntervalMs).toBe(5000);
  });

  it("rejects a base URL that is not http(s)", () => {
    expect(() => readSourceSettings({ OPENREVIEW_API_URL: "ftp://example.org" })).toThrow(/OPENREVIEW_API_URL=ftp:\/\/example\.org is not an http\(s\) URL/);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-06-03T12:00:00Z");
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("20", now)).toBe(20_000);
    expect(parseRetryAfter("Wed, 03 Jun 2026 12:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("the sources section of .github/headscout.yml", () => {
  it("has working defaults when absent", () => {
    const { sources } = parseConfig("", "test.yml");
    expect(sources.arxiv).toMatchObject({ enabled: true, categories: [], pageSize: 2000 });
    expect(sources.arxiv.phrases).toBeUndefined(); // the registry's phrases are used
    expect(sources.openreview).toMatchObject({ enabled: true, venues: [] });
  });

  it("overrides phrases, categories, venues and terms", () => {
    const { sources } = parseConfig(
      [
        "sources:",
        "  arxiv:",
        "    phrases: [induction head, retrieval head]",
        "    combinations: []",
        "    categories: [cs.CL, cs.LG]",
        "  openreview:",
        "    terms: [induction heads]",
        "    venues: [ICLR.cc/2026/Conference]",
      ].join("\n"),
      "headscout.yml",
    );
    expect(sources.arxiv).toMatchObject({ phrases: ["induction head", "retrieval head"], combinations: [], categories: ["cs.CL", "cs.LG"] });
    expect(sources.openreview).toMatchObject({ terms: ["induction heads"], venues: ["ICLR.cc/2026/Conference"] });
  });

  it("names the key that is wrong", () => {
    expect(() => parseConfig("sources:\n  arxiv:\n    pageSize: 5000\n", "headscout.yml")).toThrow(/sources\.arxiv\.pageSize/);
    expect(() => parseConfig("sources:\n  arxiv:\n    phrase: [x]\n", "headscout.yml")).toThrow(/sources\.arxiv/);
  });
});
