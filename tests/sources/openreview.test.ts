import { readFileSync } from "node:fs";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseOpenReviewNote, readDecision, type OpenReviewNote } from "../../src/sources/openreview/parse-note.ts";
import { paperSchema, type Paper } from "../../src/sources/paper.ts";
import { sourcesConfigSchema } from "../../src/sources/config.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";
import { fixture, OPENREVIEW, runSources, seenRequest } from "./helpers.ts";

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };
const CREDENTIALS = { OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "s3cret" };

function openreviewOnly(openreview: Record<string, unknown> = {}) {
  return sourcesConfigSchema.parse({ arxiv: { enabled: false }, openreview });
}

function parsed(note: unknown): Paper {
  const paper = parseOpenReviewNote(note as OpenReviewNote);
  if (typeof paper === "string") throw new Error(paper);
  return paper;
}

describe("parseOpenReviewNote", () => {
  it("reads content.X.value fields, epoch-ms dates and the decision from the venue", () => {
    const notes = JSON.parse(fixture("openreview", "notes-search-attention-heads.json")).notes as unknown[];
    const accepted = parsed(notes[0]);
    expect(accepted).toMatchObject({
      ids: { openreview: "Sx7QkR2mPa" },
      title: "Successor Heads in the $\\mathcal{O}(n)$ Regime: Ordinal Attention Heads at Scale",
      authors: ["Chen Wei", "Dana Petrov", "Ed Malik"],
      published: "2026-06-01T15:30:00.000Z",
      links: {
        openreview: "https://openreview.net/forum?id=Sx7QkR2mPa",
        pdf: "https://openreview.net/pdf/3f0c2a9d5e1b7c4a8f6e2d9b0a1c3e5f7d9b1a2c.pdf",
      },
      venue: "ICML 2026 Poster",
      decision: "accepted",
      sources: ["openreview"],
    });
    expect(parsed(notes[1])).toMatchObject({ venue: "Submitted to ICML 2026", decision: "rejected" });
    for (const note of notes) expect(paperSchema.safeParse(parsed(note)).success).toBe(true);
  });

  it("tells an open submission from a rejected one and a withdrawn one", () => {
    expect(readDecision("Submitted to ICLR 2027", "ICLR.cc/2027/Conference/Submission")).toBe("pending");
    expect(readDecision("Submitted to ICLR 2027", "ICLR.cc/2027/Conference/Rejected_Submission")).toBe("rejected");
    expect(readDecision("ICLR 2027 withdrawn submission", "ICLR.cc/2027/Conference/Withdrawn_Submission")).toBeUndefined();
    expect(readDecision("ICLR 2027 Oral", "ICLR.cc/2027/Conference")).toBe("accepted");
  });
});

describe.skipIf(!hasShared)(`parseOpenReviewNote on recorded API v2 responses (${hasShared ? "../shared/fixtures/real" : sharedMissingReason})`, () => {
  const notes = (name: string) => JSON.parse(readFileSync(sharedPath("fixtures", "real", name), "utf8")).notes as unknown[];

  it("reads every note of a mixed search result into a valid Paper", () => {
    const papers = notes("openreview_v2_notes_search_multi.json").map(parsed);
    expect(papers).toHaveLength(6);
    for (const paper of papers) expect(paperSchema.safeParse(paper).success).toBe(true);
    const byId = new Map(papers.map((p) => [p.ids.openreview, p]));
    // An ORCID-imported article: authors as objects, DOI from externalIds, its "venue" is only its title again.
    expect(byId.get("iaA07eD0bP")).toMatchObject({ authors: ["Sunil Sahu", "Efstathia Christopoulou", "Makoto Miwa", "Sophia Ananiadou"], ids: { doi: "10.18653/v1/p19-1423" } });
    expect(byId.get("iaA07eD0bP")?.venue).toBeUndefined();
    expect(byId.get("Gj5JTAwdoy")).toMatchObject({ venue: "ICLR 2025 Spotlight", decision: "accepted" });
    expect(byId.get("IMWYNVBHob")).toMatchObject({ venue: "Submitted to ICLR 2025", decision: "rejected" });
    // A DBLP record links the publisher's PDF, not openreview.net's.
    expect(byId.get("9TJMTG2bcQ")?.links.pdf).toBe("https://ieeexplore.ieee.org/iel7/65/10506038/10327705.pdf");
    // No pdate: the first submission date falls back to cdate.
    expect(byId.get("IMWYNVBHob")?.published).toBe("2024-10-04T02:22:45.725Z");
  });

  it("reads the workshop note", () => {
    const [paper] = notes("openreview_v2_notes_search_single_workshop_note.json").map(parsed);
    expect(paper).toMatchObject({ ids: { openreview: "4aMedv0ONH" }, venue: "RegML 2025 Poster", decision: "accepted" });
  });
});

describe("OpenReview client", () => {
  it("is unavailable without credentials, and says how to fix it", async () => {
    const { report } = await runSources(openreviewOnly());
    expect(report.sources.openreview).toMatchObject({ status: "unavailable", requests: 0 });
    expect(report.sources.openreview.reason).toMatch(/OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD/);
  });

  it("logs in once, searches by term with the token, and keeps the notes of the window", async () => {
    let login: unknown;
    const scope = nock(OPENREVIEW)
      .post("/login", (body) => ((login = body), true))
      .reply(200, fixture("openreview", "login.json"), JSON_TYPE)
      .get("/notes/search")
      .query({ term: "attention heads", content: "all", group: "all", source: "forum", limit: "1000", offset: "0" })
      .matchHeader("authorization", /^Bearer ey/)
      .reply(200, fixture("openreview", "notes-search-attention-heads.json"), JSON_TYPE);
    const { papers, report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(login).toEqual({ id: "bot@example.org", password: "s3cret", expiresIn: 3600 });
    // The third note (ICLR 2025) changed last in February 2025: outside the window.
    expect(papers.map((p) => p.ids.openreview)).toEqual(["Sx7QkR2mPa", "Rj3Lm9QwTz"]);
    expect(report.sources.openreview).toMatchObject({ status: "ok", requests: 2, pages: 1, papers: 2 });
    scope.done();
  });

  it("lists a venue's submissions page by page, newest change first, until past the window", async () => {
    const offsets: string[] = [];
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW)
      .get("/notes")
      .query(true)
      .times(2)
      .reply((arg: string) => {
        const query = seenRequest(arg, OPENREVIEW).url.searchParams;
        expect(query.get("invitation")).toBe("ICML.cc/2026/Conference/-/Submission");
        expect(query.get("sort")).toBe("tmdate:desc");
        offsets.push(query.get("offset")!);
        const name = query.get("offset") === "0" ? "venue-submissions-page-1.json" : "venue-submissions-page-2.json";
        return [200, fixture("openreview", name), JSON_TYPE];
      });
    const { papers, report } = await runSources(openreviewOnly({ terms: [], venues: ["ICML.cc/2026/Conference"], pageSize: 2 }), CREDENTIALS);
    expect(offsets).toEqual(["0", "2"]);
    expect(papers.map((p) => p.ids.openreview)).toEqual(["Rj3Lm9QwTz", "Md5Hs1TyUv"]);
    expect(papers[1]).toMatchObject({ ids: { arxiv: "2606.00850" }, venue: "ICML 2026 Oral", decision: "accepted" });
    expect(report.sources.openreview).toMatchObject({ status: "ok", pages: 2 });
  });

  it("reuses the token while it is valid and logs in again once it has expired", async () => {
    let logins = 0;
    nock(OPENREVIEW)
      .post("/login")
      .times(2)
      .reply(() => {
        logins++;
        return [200, fixture("openreview", "login.json"), JSON_TYPE];
      });
    // Three terms; the clock jumps past the token's expiry (13:00 GMT) before the third request.
    const searched: string[] = [];
    let clockRef: { advance(ms: number): void } | undefined;
    nock(OPENREVIEW)
      .get("/notes/search")
      .query(true)
      .times(3)
      .reply((arg: string) => {
        searched.push(seenRequest(arg, OPENREVIEW).url.searchParams.get("term")!);
        if (searched.length === 2) clockRef?.advance(3600_000);
        return [200, JSON.stringify({ notes: [], count: 0 }), JSON_TYPE];
      });
    const { createManualClock } = await import("../../src/sources/http/clock.ts");
    const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
    clockRef = clock;
    const { report } = await runSources(openreviewOnly({ terms: ["induction heads", "retrieval heads", "attention heads"] }), CREDENTIALS, { clock });
    expect(searched).toEqual(["induction heads", "retrieval heads", "attention heads"]);
    expect(logins).toBe(2);
    expect(report.sources.openreview).toMatchObject({ status: "empty", requests: 5 });
  });

  it("logs in again when the server says the token expired", async () => {
    nock(OPENREVIEW).post("/login").times(2).reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(401, fixture("openreview", "error-401-token-expired.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(200, fixture("openreview", "notes-search-attention-heads.json"), JSON_TYPE);
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview).toMatchObject({ status: "ok", requests: 4, papers: 2 });
  });

  it("reports a 403 challenge as unavailable, naming the error, without failing the scan", async () => {
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes/search").query(true).reply(403, fixture("openreview", "error-403-challenge.json"), JSON_TYPE);
    const { papers, report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(papers).toEqual([]);
    expect(report.sources.openreview.status).toBe("unavailable");
    expect(report.sources.openreview.reason).toMatch(/OpenReview refused GET https:\/\/api2\.openreview\.net\/notes\/search\?term=attention\+heads.* with HTTP 403 \(ChallengeRequiredError: Please complete the challenge/);
  });

  it("reports rejected credentials as a failure", async () => {
    nock(OPENREVIEW).post("/login").reply(400, fixture("openreview", "error-400-login.json"), JSON_TYPE);
    const { report } = await runSources(openreviewOnly(), CREDENTIALS);
    expect(report.sources.openreview.status).toBe("failed");
    expect(report.sources.openreview.reason).toMatch(/the login of bot@example\.org.*InvalidCredentialsError: Invalid username or password/);
  });
});
