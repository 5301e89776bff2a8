import nock from "nock";
import { describe, expect, it } from "vitest";
import { ARXIV_HOST, command, fakeArxiv, pulls, replyOn, steppingClock, useWorlds } from "./harness.ts";

const worlds = useWorlds();

describe("arXiv down", () => {
  it("the reply says arXiv failed and why, never 'no new papers'; the next scan searches that window again", async () => {
    const clock = steppingClock();
    const world = await worlds.world(undefined, { now: clock.now });
    let requests = 0;
    nock(ARXIV_HOST)
      .get("/api/query")
      .query(true)
      .reply(() => (requests++, [503, "Service Unavailable"]))
      .persist();

    const { issue } = await command(world, "@headscout scan");
    const reply = replyOn(world.fake, issue);
    expect(requests).toBeGreaterThan(1); // retried (on the sources' clock, so no real waiting)
    expect(reply).toMatch(/^- arXiv: \*\*failed\*\*: arXiv kept failing \(HTTP 503\) for GET its endpoint: gave up after \d+ attempt\(s\)/m);
    expect(reply).toContain("arXiv failed, so this scan is incomplete: that is not the same as no new papers.");
    expect(reply).not.toMatch(/no new papers to propose/i);
    expect(reply).not.toContain("arxiv.test");
    expect(pulls(world.fake)).toEqual([]);

    // An hour later arXiv is back: the failed window is searched again, so the paper from last week still comes.
    clock.advance(3600_000);
    nock.cleanAll();
    fakeArxiv();
    const again = await command(world, "@headscout scan");
    expect(replyOn(world.fake, again.issue)).toMatch(/^- arXiv: ok/m);
    expect(pulls(world.fake).map((p) => p.title)).toEqual(["Add paper: RazorAttention: Efficient KV Cache Compression Through Retrieval Heads"]);
  });
});
