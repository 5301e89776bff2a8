import { describe, expect, it } from "vitest";
import { botComments, commentOn, heldArxiv, OPERATOR_ENV, pulls, replyOn, useWorlds } from "./harness.ts";

const worlds = useWorlds();
const SECOND_MAINTAINER = "noor";
const ALREADY_RUNNING = /^A scan of this repository is already running \(.*issuecomment-\d+\); its report will follow there\.$/;

describe("two scans of one repository at once", () => {
  it("in one app process: one scan and one pull request; the other comment is told a scan is already running", async () => {
    const world = await worlds.world();
    world.fake.state.setRole("octo-lab/catalog", SECOND_MAINTAINER, "write");
    const arxiv = heldArxiv();
    const first = commentOn(world.fake, "@headscout scan");
    const second = commentOn(world.fake, "@headscout scan", SECOND_MAINTAINER);

    const sent = await Promise.all([first, second].map(({ delivery }) => world.fake.sendWebhook(world.app.webhookUrl, delivery)));
    expect(sent.map((s) => s.status)).toEqual([200, 200]);
    await arxiv.searching;
    arxiv.release();
    await world.app.handle.jobs.idle();

    expect(pulls(world.fake)).toHaveLength(1);
    const replies = [replyOn(world.fake, first.issue), replyOn(world.fake, second.issue)];
    expect(replies.filter((r) => ALREADY_RUNNING.test(r))).toHaveLength(1);
    expect(replies.filter((r) => r.includes(`opened #${pulls(world.fake)[0]!.number} (1 paper)`))).toHaveLength(1);
    expect(botComments(world.fake)).toHaveLength(2);
  });

  it("in two app processes (replicas behind one webhook URL): the ledger's claim lets one scan; the other answers already running", async () => {
    const world = await worlds.world(undefined, { instanceId: "replica-a", env: { ...OPERATOR_ENV, ARXIV_API_URL: "https://arxiv-a.test/api/query" } });
    const replica = await worlds.app(world.fake, { instanceId: "replica-b", env: { ...OPERATOR_ENV, ARXIV_API_URL: "https://arxiv-b.test/api/query" } });
    world.fake.state.setRole("octo-lab/catalog", SECOND_MAINTAINER, "write");
    const arxivA = heldArxiv(undefined, "https://arxiv-a.test");
    const arxivB = heldArxiv(undefined, "https://arxiv-b.test");
    const toA = commentOn(world.fake, "@headscout scan");
    const toB = commentOn(world.fake, "@headscout scan", SECOND_MAINTAINER);

    await Promise.all([world.fake.sendWebhook(world.app.webhookUrl, toA.delivery), world.fake.sendWebhook(replica.webhookUrl, toB.delivery)]);
    // One replica holds the claim (and waits on arXiv); the other finds it held and is done.
    const bothSearching = Promise.all([arxivA.searching, arxivB.searching]).then(() => "both searching");
    const first = await Promise.race([world.app.handle.jobs.idle().then(() => "a"), replica.handle.jobs.idle().then(() => "b"), bothSearching]);
    arxivA.release();
    arxivB.release();
    await Promise.all([world.app.handle.jobs.idle(), replica.handle.jobs.idle()]);
    expect(first).not.toBe("both searching");

    expect(pulls(world.fake)).toHaveLength(1);
    const [busy, scanned] = first === "a" ? [toA, toB] : [toB, toA];
    expect(replyOn(world.fake, busy.issue)).toMatch(ALREADY_RUNNING);
    expect(replyOn(world.fake, busy.issue)).toContain(`issuecomment-${(scanned.delivery.payload.comment as { id: number }).id}`);
    expect(replyOn(world.fake, scanned.issue)).toContain(`opened #${pulls(world.fake)[0]!.number}`);
    // The claim is let go: the ledger holds none once the scan is over.
    expect(world.fake.state.readFile("octo-lab/catalog", "headscout-state", "ledger.json")).not.toContain('"claim"');
  });
});
