import nock from "nock";
import { describe, expect, it } from "vitest";
import { sourcesConfigSchema } from "../../src/sources/config.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { ARXIV, arxivOnlyConfig, fixture, OPENREVIEW, runSources } from "./helpers.ts";

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };
const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };
const CREDENTIALS = { OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "s3cret-Passw0rd" };
const START = Date.parse("2026-06-03T12:00:00Z");

function openreviewOnly(openreview: Record<string, unknown> = {}) {
  return sourcesConfigSchema.parse({ arxiv: { enabled: false }, openreview });
}

/** A body of `total` bytes served in 64 KB chunks as it is read, without Content-Length; counts what was pulled. */
function endlessBody(total: number, chunk = "<entry>".padEnd(65_536, "x")) {
  const bytes = new TextEncoder().encode(chunk);
  const served = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (served.bytes >= total) return controller.close();
      served.bytes += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { stream, served };
}

function fetchReplying(response: () => Response): typeof fetch {
  return (async () => response()) as typeof fetch;
}

describe("a response body past HEADSCOUT_MAX_RESPONSE_BYTES", () => {
  it("fails arXiv with the service, the request and the limit, without reading the rest of a 200 MB body", async () => {
    const body = endlessBody(200 * 1024 * 1024);
    const fetch = fetchReplying(() => new Response(body.stream, { status: 200, headers: ATOM }));
    const { report } = await runSources(arxivOnlyConfig(), { HEADSCOUT_MAX_RESPONSE_BYTES: String(1024 * 1024) }, { fetch });
    expect(report.sources.arxiv).toMatchObject({ status: "failed", retries: 0 });
    expect(report.sources.arxiv.reason).toMatch(/^arXiv's answer to GET https:\/\/export\.arxiv\.org\/api\/query\?search_query=\S+ is larger than the 1 MB limit \(stopped after 1\.\d MB; HEADSCOUT_MAX_RESPONSE_BYTES sets it\)$/);
    // Read up to the limit and one chunk past it, no more.
    expect(body.served.bytes).toBeLessThanOrEqual(1024 * 1024 + 2 * 65_536);
  });

  it("fails at once when Content-Length announces more than the limit", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "query-page-1.xml"), { ...ATOM, "Content-Length": String(60 * 1024 * 1024) });
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv.status).toBe("failed");
    expect(report.sources.arxiv.reason).toMatch(/is larger than the 50 MB limit \(Content-Length 60 MB;/);
  });

  it("reads a page under the limit as before", async () => {
    const page = fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<");
    nock(ARXIV).get("/api/query").query(true).reply(200, page, ATOM);
    const { report } = await runSources(arxivOnlyConfig(), { HEADSCOUT_MAX_RESPONSE_BYTES: String(page.length) });
    expect(report.sources.arxiv).toMatchObject({ status: "ok", papers: 1 });
  });

  it("fails OpenReview's login and its notes pages the same way", async () => {
    const limit = { HEADSCOUT_MAX_RESPONSE_BYTES: "2000" };
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json").padEnd(5000, " "), JSON_TYPE);
    const login = await runSources(openreviewOnly(), { ...CREDENTIALS, ...limit });
    expect(login.report.sources.openreview.reason).toMatch(/^OpenReview's answer to POST https:\/\/api2\.openreview\.net\/login is larger than the 2000 bytes limit/);

    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(200, fixture("openreview", "notes-search-attention-heads.json"), JSON_TYPE);
    const notes = await runSources(openreviewOnly(), { ...CREDENTIALS, ...limit });
    expect(notes.report.sources.openreview.status).toBe("failed");
    expect(notes.report.sources.openreview.reason).toMatch(/^OpenReview's answer to GET https:\/\/api2\.openreview\.net\/notes\/search\?term=attention\+heads\S* is larger than the 2000 bytes limit/);
  });

  it("is read from the environment and must be a whole number of bytes", async () => {
    await expect(runSources(arxivOnlyConfig(), { HEADSCOUT_MAX_RESPONSE_BYTES: "50MB" })).rejects.toThrow(/HEADSCOUT_MAX_RESPONSE_BYTES=50MB is not a whole number of bytes/);
  });
});

describe("a source that never answers", () => {
  it("holds the run no longer than the documented 5 minutes, timeouts included, and says it got no answer", async () => {
    const clock = createManualClock(START);
    const hang = (async (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason));
        clock.expireLatestTimeout();
      })) as typeof fetch;
    const { report } = await runSources(arxivOnlyConfig(), {}, { clock, fetch: hang });
    expect(report.sources.arxiv.status).toBe("failed");
    expect(report.sources.arxiv.reason).toMatch(/^arXiv kept failing \(no answer within [\d.]+ s\) for GET .*gave up after [23] attempt\(s\) over [\d.]+ s \(limit 300 s per request\)$/);
    // Before: each 120 s timeout came on top of the retry budget (370 s seen).
    expect(clock.now() - START).toBeLessThanOrEqual(300_000);
    expect(clock.now() - START).toBeGreaterThan(240_000);
  });
});

describe("network failures say what happened", () => {
  const failing = (code: string, message: string) =>
    (async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
    }) as typeof fetch;

  it("connection refused", async () => {
    const { report } = await runSources(arxivOnlyConfig(), {}, { fetch: failing("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8080") });
    expect(report.sources.arxiv.reason).toMatch(/^arXiv kept failing \(connection refused \(ECONNREFUSED\)\) for GET https:\/\/export\.arxiv\.org/);
  });

  it("a DNS failure, also inside an AggregateError (a dual-stack connect)", async () => {
    const { report } = await runSources(arxivOnlyConfig(), {}, { fetch: failing("ENOTFOUND", "getaddrinfo ENOTFOUND export.arxiv.org") });
    expect(report.sources.arxiv.reason).toMatch(/\(DNS lookup failed: no such host \(ENOTFOUND\)\)/);
    const aggregate = (async () => {
      const refused = Object.assign(new Error("connect ECONNREFUSED ::1:8080"), { code: "ECONNREFUSED" });
      throw new TypeError("fetch failed", { cause: new AggregateError([refused, refused], "") });
    }) as typeof fetch;
    const again = await runSources(arxivOnlyConfig(), {}, { fetch: aggregate });
    expect(again.report.sources.arxiv.reason).toMatch(/\(connection refused \(ECONNREFUSED\)\)/);
  });
});

describe("OpenReview answers that are not what the API promises", () => {
  function notesReply(body: string) {
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(200, body, JSON_TYPE);
  }

  it("a null body fails, naming the request", async () => {
    notesReply("null");
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview).toMatchObject({ status: "failed" });
    expect(report.sources.openreview.reason).toBe(
      "OpenReview's answer to GET https://api2.openreview.net/notes/search?term=attention+heads&content=all&group=all&source=forum&limit=1000&offset=0 is null, not a JSON object",
    );
  });

  it("a null login answer fails, naming the login", async () => {
    nock(OPENREVIEW).post("/login").reply(200, "null", JSON_TYPE);
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview.reason).toBe("OpenReview's login answer (POST https://api2.openreview.net/login) is null, not a JSON object");
  });

  it("a null note fails, naming the request and the note", async () => {
    const page = JSON.parse(fixture("openreview", "notes-search-attention-heads.json")) as { notes: unknown[] };
    page.notes.splice(1, 0, null);
    notesReply(JSON.stringify(page));
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview.status).toBe("failed");
    expect(report.sources.openreview.reason).toMatch(/^OpenReview's answer to GET https:\/\/api2\.openreview\.net\/notes\/search\?\S+ has a note that is not an object \(notes\[1\] is null\)$/);
  });

  it("a page of nothing but junk notes fails rather than saying 'empty'", async () => {
    notesReply(JSON.stringify({ notes: [{ id: "a" }, { content: {} }, { id: "c", tmdate: 1780480000000 }], count: 3 }));
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview.status).toBe("failed");
    expect(report.sources.openreview.reason).toMatch(/held 3 notes and none could be read \(first: note a has no title\)$/);
  });

  it("one junk note among good ones is noted, and the rest kept", async () => {
    const page = JSON.parse(fixture("openreview", "notes-search-attention-heads.json")) as { notes: unknown[] };
    page.notes.push({ id: "junk1", tmdate: Date.parse("2026-06-01T10:00:00Z") });
    notesReply(JSON.stringify(page));
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview).toMatchObject({ status: "ok", papers: 2, notes: ["OpenReview: note junk1 has no title"] });
  });
});

describe("an arXiv entry with an unreadable date", () => {
  it("is counted in the report with the first example, not dropped silently", async () => {
    const page = fixture("arxiv", "query-page-1.xml")
      .replace("<opensearch:totalResults>5<", "<opensearch:totalResults>2<")
      .replace("<published>2026-06-02T17:58:01Z</published>", "<published>2026-13-45T17:58:01Z</published>");
    nock(ARXIV).get("/api/query").query(true).reply(200, page, ATOM);
    const { papers, report } = await runSources(arxivOnlyConfig());
    expect(papers.map((p) => p.ids.arxiv)).toEqual(["2606.01102"]);
    expect(report.sources.arxiv.notes).toEqual([
      expect.stringMatching(/^arXiv: 1 entry skipped for an unreadable date \(first: entry 1 of GET https:\/\/export\.arxiv\.org\/api\/query\?\S+: 2606\.01234 has an unreadable <published> date "2026-13-45T17:58:01Z"\)$/),
    ]);
  });
});

describe("error messages quote at most a short excerpt", () => {
  it("of a feed with unclosed tags, whose parser lists every one (8 MB of message for 10⁶ tags)", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, `<feed>${"<a><b>".repeat(30_000)}`, ATOM);
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv.status).toBe("failed");
    expect(report.sources.arxiv.reason).toMatch(/^arXiv sent a malformed feed for GET \S+: the feed header: Invalid '\[ "feed", "a", "b", .{100,180}…$/);
  });

  it("of a million unclosed tags, refused before the parser spends seconds on them", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, "<x>".repeat(1_000_000), ATOM);
    const { report } = await runSources(arxivOnlyConfig());
    expect(report.sources.arxiv.reason).toMatch(/^arXiv sent a malformed feed for GET \S+: 2930 KB outside any <entry> \(a feed's header is a few KB\): (<x>){26}<x…$/);
  });

  it("of OpenReview's error message and of an HTML error page", async () => {
    nock(OPENREVIEW).post("/login").reply(400, JSON.stringify({ name: "BadRequestError", message: "<b>".repeat(100_000) }), JSON_TYPE);
    const json = await runSources(openreviewOnly(), CREDENTIALS);
    expect(json.report.sources.openreview.reason!.length).toBeLessThan(500);

    nock(ARXIV).get("/api/query").query(true).reply(400, `<html>${"<p>oops</p>\n".repeat(30_000)}</html>`, { "Content-Type": "text/html" });
    const html = await runSources(arxivOnlyConfig());
    expect(html.report.sources.arxiv.reason).toMatch(/^arXiv answered HTTP 400 for GET \S+: <html><p>oops<\/p> .{1,190}…$/);
  });
});

describe("credentials never appear in a report", () => {
  it("a password or token the server echoes back", async () => {
    const token = JSON.parse(fixture("openreview", "login.json")).token as string;
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW)
      .get("/notes/search")
      .query(true)
      .reply(400, JSON.stringify({ name: "ValidationError", message: `bad request from s3cret-Passw0rd with token ${token}` }), JSON_TYPE);
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview.reason).toMatch(/^OpenReview answered HTTP 400 for GET .*ValidationError: bad request from \[redacted\] with token \[redacted\]/);
    expect(report.sources.openreview.reason).not.toContain("s3cret");
  });

  it("a mirror's URL with user:password is refused without repeating the password", async () => {
    const env = { ARXIV_API_URL: "http://reader:hunter22@mirror.example.org/api/query", ARXIV_INTERVAL_MS: "0" };
    await expect(runSources(arxivOnlyConfig(), env)).rejects.toThrow(
      /^ARXIV_API_URL=http:\/\/\[redacted\]@mirror\.example\.org\/api\/query holds a user name or password; headscout cannot send credentials in a URL$/,
    );
  });
});
