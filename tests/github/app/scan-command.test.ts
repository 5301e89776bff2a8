import { afterEach, describe, expect, it } from "vitest";
import { diffInsertions } from "../../../src/scan/diff-insertions.ts";
import type { FakeGitHub } from "../../helpers/fake-github/index.ts";
import { catalogFixture, command, fakeArxiv, MAINTAINER, OUTSIDER, REPO, startWorld, type RunningApp } from "./harness.ts";

let world: { fake: FakeGitHub; app: RunningApp } | undefined;
afterEach(async () => {
  await world?.app.close();
  await world?.fake.close();
  world = undefined;
});

const appEvents = (fake: FakeGitHub) => fake.events.filter((e) => e.actor === "headscout[bot]");
const pulls = (fake: FakeGitHub) => [...fake.state.repo(REPO).issues.values()].filter((i) => i.pull);

describe("@headscout scan, end to end (the app over HTTP, a fake GitHub over a socket)", () => {
  it("answers at once with 👀, then opens a grouped pull request whose catalog diff only inserts lines, and replies with the report", async () => {
    world = await startWorld();
    const arxiv = fakeArxiv();
    const { sent, issue } = await command(world, "@headscout scan");
    expect(sent.status).toBe(200);

    const events = appEvents(world.fake).map((e) => e.type);
    expect(events[0]).toBe("reaction.created");
    expect(events).toContain("pull_request.opened");
    expect(arxiv.requests).toBeGreaterThan(0);

    const [pr] = pulls(world.fake);
    const head = world.fake.state.readFile(REPO, pr!.pull!.headRef, "README.md")!;
    const inserted = diffInsertions(catalogFixture, head).flatMap((b) => b.lines).join("\n");
    expect(inserted).toContain("RazorAttention: Efficient KV Cache Compression Through Retrieval Heads");
    expect(pr!.title).toBe("Add paper: RazorAttention: Efficient KV Cache Compression Through Retrieval Heads");
    expect(pr!.body).toContain("<!-- headscout:proposal");
    expect(pr!.labels).toEqual(["headscout"]);

    const reply = [...world.fake.state.repo(REPO).comments.values()].filter((c) => c.issueNumber === issue && c.user.login === "headscout[bot]");
    expect(reply).toHaveLength(1);
    expect(reply[0]!.body).toMatch(/arXiv/);
    expect(reply[0]!.body).toContain(`#${pr!.number}`);

    // The ledger is on its own branch, in one commit per scan (plus the claim).
    expect(world.fake.state.readFile(REPO, "headscout-state", "ledger.json")).toContain('"arxiv:2407.15891"');
    expect(world.fake.rejected).toEqual([]);
    expect(world.fake.unhandled).toEqual([]);
    expect(world.fake.requests.some((r) => /\/merge$/.test(r.path))).toBe(false);
  });

  it("a second scan proposes nothing new: the paper in the open pull request is skipped", async () => {
    world = await startWorld();
    fakeArxiv();
    await command(world, "@headscout scan");
    await command(world, "/headscout scan");
    expect(pulls(world.fake)).toHaveLength(1);
    expect(appEvents(world.fake).filter((e) => e.type === "pull_request.edited")).toEqual([]);
  });

  it("gives an outsider one polite reply per thread, and runs nothing", async () => {
    world = await startWorld();
    const arxiv = fakeArxiv();
    const { issue } = await command(world, "@headscout scan", OUTSIDER);
    await command(world, "@headscout scan please", OUTSIDER, issue);
    expect(arxiv.requests).toBe(0);
    const botComments = [...world.fake.state.repo(REPO).comments.values()].filter((c) => c.user.login === "headscout[bot]");
    expect(botComments).toHaveLength(1);
    expect(botComments[0]!.body).toMatch(/write access/i);
    expect(appEvents(world.fake).filter((e) => e.type === "reaction.created")).toEqual([]);
  });

  it("ignores bots' comments (its own included) and edited comments; acts once on a redelivered webhook", async () => {
    world = await startWorld();
    const arxiv = fakeArxiv();
    await command(world, "@headscout scan", "dependabot[bot]");
    await command(world, "@headscout scan", "headscout[bot]");
    expect(arxiv.requests).toBe(0);

    const { delivery } = await command(world, "I will ask later", MAINTAINER);
    const edited = world.fake.act.editComment(REPO, Number((delivery.payload.comment as { id: number }).id), "@headscout scan", MAINTAINER);
    await world.fake.sendWebhook(world.app.webhookUrl, edited);
    await world.app.handle.jobs.idle();
    expect(arxiv.requests).toBe(0);

    const first = await command(world, "@headscout scan");
    const requestsAfterFirst = arxiv.requests;
    await world.fake.sendWebhook(world.app.webhookUrl, first.delivery);
    await world.app.handle.jobs.idle();
    expect(arxiv.requests).toBe(requestsAfterFirst);
    expect(pulls(world.fake)).toHaveLength(1);
  });
});
