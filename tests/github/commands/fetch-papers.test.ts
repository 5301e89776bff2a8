import nock from "nock";
import { describe, expect, it } from "vitest";
import { fetchPapersById } from "../../../src/github/commands/fetch-papers.ts";
import { parsePaperRef } from "../../../src/github/commands/paper-ref.ts";
import { fixture, OPENREVIEW } from "../../sources/helpers.ts";

const JSON_TYPE = { "content-type": "application/json" };
const forum = "https://openreview.net/forum?id=Sx7QkR2mPa";
const login = { OPENREVIEW_USERNAME: "bot@example.org", OPENREVIEW_PASSWORD: "s3cret-password" };

describe("papers a maintainer names by id", () => {
  it("looks an OpenReview forum up on OpenReview when the server has a login", async () => {
    const notes = JSON.parse(fixture("openreview", "notes-search-attention-heads.json")) as { notes: unknown[] };
    nock(OPENREVIEW).post("/login").reply(200, fixture("openreview", "login.json"), JSON_TYPE);
    nock(OPENREVIEW).get("/notes").query({ id: "Sx7QkR2mPa" }).reply(200, { notes: [notes.notes[0]], count: 1 }, JSON_TYPE);
    const ref = parsePaperRef(forum)!;
    const { found, missing } = await fetchPapersById([ref], { env: login });
    expect(missing).toEqual([]);
    expect(found.get(ref.key)!.title).toMatch(/^Successor Heads in the/);
  });

  it("says what to give instead when the server has no OpenReview login, and names no secret when OpenReview fails", async () => {
    const ref = parsePaperRef(forum)!;
    const none = await fetchPapersById([ref], { env: {} });
    expect(none.missing[0]!.reason).toBe("this server has no OpenReview login (OPENREVIEW_USERNAME/PASSWORD): give its arXiv id");

    nock(OPENREVIEW).post("/login").reply(403, { name: "ChallengeRequiredError", message: "s3cret-password rejected" }, JSON_TYPE);
    const failed = await fetchPapersById([ref], { env: login });
    expect(failed.missing[0]!.reason).toMatch(/^OpenReview could not be reached/);
    expect(failed.missing[0]!.reason).not.toContain("s3cret-password");
  });
});
