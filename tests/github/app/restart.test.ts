import { describe, expect, it } from "vitest";
import { appEvents, botComments, command, deliver, fakeArxiv, pulls, replyOn, useWorlds } from "./harness.ts";

const worlds = useWorlds();

describe("a restart (a new app instance on the same GitHub)", () => {
  it("keeps the ledger: nothing is proposed twice, the reply says the paper is in an open pull request, and a redelivered command still acts once", async () => {
    const world = await worlds.world(undefined, { instanceId: "before-restart" });
    const arxiv = fakeArxiv();
    const first = await command(world, "@headscout scan");
    expect(pulls(world.fake)).toHaveLength(1);
    await world.app.close();

    const restarted = await worlds.app(world.fake, { instanceId: "after-restart" });
    const after = { fake: world.fake, app: restarted };
    // Asked to search from before the paper appeared, so arXiv lists it again.
    const second = await command(after, "@headscout scan since 2026-11-10");
    expect(pulls(world.fake)).toHaveLength(1);
    expect(appEvents(world.fake).filter((e) => e.type === "pull_request.edited")).toEqual([]);
    expect(replyOn(world.fake, second.issue)).toContain("1 already in an open pull request");
    expect(replyOn(world.fake, second.issue)).toContain("No new papers to propose.");

    // GitHub redelivers the first comment to the new instance: its 👀 is there, so nothing runs.
    const requests = arxiv.requests;
    await deliver(after, first.delivery);
    expect(arxiv.requests).toBe(requests);
    expect(botComments(world.fake, first.issue)).toHaveLength(1);
    expect(appEvents(world.fake).filter((e) => e.type === "issue_comment.created")).toHaveLength(2);
  });
});
