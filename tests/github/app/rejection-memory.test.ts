import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../helpers/fake-github/index.ts";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import { botComments, command, deliver, MAINTAINER, openPulls, pulls, replyOn, REPO, scanToPull, thisWeek, twin, useWorlds } from "./harness.ts";

const worlds = useWorlds();
const RAZOR = "arxiv:2407.15891";
const TWIN = `arxiv:${twin.ids.arxiv}`;

type LedgerView = { papers: Record<string, { state: string; proposal?: number; rejection?: { how: string; by?: string } }>; proposals: Record<string, { state: string; papers: string[] }> };
const ledgerOf = (fake: FakeGitHub) => JSON.parse(fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as LedgerView;

/** A maintainer's edit of a grouped pull request's body: the box of paper `key` unticked. */
const untick = (body: string, key: string) => body.split("\n").map((line) => (line.includes(`headscout:paper "${key}"`) ? line.replace("- [x]", "- [ ]") : line)).join("\n");

describe("rejection memory", () => {
  it("a grouped pull request closed unmerged: its papers are never proposed again, and the bot says so once", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);

    const closed = world.fake.act.closePull(REPO, pr.number, MAINTAINER);
    await deliver(world, closed);
    await deliver(world, closed); // redelivered
    const notices = botComments(world.fake, pr.number);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain("headscout will not propose this paper again");
    expect(notices[0]!.body).toContain("RazorAttention");
    expect(ledgerOf(world.fake).papers[RAZOR]).toMatchObject({ state: "rejected", rejection: { how: "closed", by: MAINTAINER } });

    const later = await command(world, "@headscout scan");
    await command(world, "@headscout scan since 2026-11-01");
    expect(pulls(world.fake)).toHaveLength(1);
    expect(replyOn(world.fake, later.issue)).toContain("5 found, 1 already in the catalog, 4 decided before");
    expect(replyOn(world.fake, later.issue)).toContain("No new papers to propose.");
    expect(botComments(world.fake, pr.number)).toHaveLength(1);
  });

  it("a paper unticked in a grouped pull request: the pull request is rebuilt without it, and it never comes back", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world, [...thisWeek, twin]);
    expect(parseProposalMarker(pr.body!)!.papers.sort()).toEqual([RAZOR, TWIN].sort());
    const headBefore = pr.pull!.headSha;

    const unticked = untick(pr.body!, TWIN);
    expect(unticked).not.toBe(pr.body);
    await deliver(world, world.fake.act.editPullBody(REPO, pr.number, unticked, MAINTAINER));

    const after = world.fake.state.pull(REPO, pr.number).issue;
    expect(after.state).toBe("open");
    expect(after.pull.headSha).not.toBe(headBefore);
    const readme = world.fake.state.readFile(REPO, after.pull.headRef, "README.md")!;
    expect(readme).not.toContain(twin.title);
    expect(readme).toContain("RazorAttention");
    expect(parseProposalMarker(after.body!)!.papers).toEqual([RAZOR]);
    expect(after.title).toBe("Add paper: RazorAttention: Efficient KV Cache Compression Through Retrieval Heads");
    const notices = botComments(world.fake, pr.number);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(twin.title);
    expect(notices[0]!.body).not.toContain("RazorAttention");

    // Unticked means rejected: the next scans neither add it back nor open another pull request for it.
    await command(world, "@headscout scan");
    await command(world, "@headscout scan since 2026-11-01");
    expect(pulls(world.fake)).toHaveLength(1);
    expect(world.fake.state.readFile(REPO, after.pull.headRef, "README.md")).not.toContain(twin.title);
    expect(ledgerOf(world.fake).papers[TWIN]).toMatchObject({ state: "rejected", rejection: { how: "unticked", by: MAINTAINER } });
    expect(ledgerOf(world.fake).papers[RAZOR]!.state).toBe("proposed");
  });

  it("a paper unticked while the bot rebuilds for a push still leaves the pull request, with one notice", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world, [...thisWeek, twin]);

    const unticked = untick(pr.body!, TWIN);
    const readme = world.fake.state.readFile(REPO, "main", "README.md")!;
    const push = world.fake.act.push(REPO, "main", { "README.md": readme.replace("A small catalog", "A small, curated catalog") }, MAINTAINER);
    const edit = world.fake.act.editPullBody(REPO, pr.number, unticked, MAINTAINER);
    await Promise.all([push, edit].map((d) => world.fake.sendWebhook(world.app.webhookUrl, d)));
    await world.app.handle.jobs.idle();

    const after = world.fake.state.pull(REPO, pr.number).issue;
    expect(world.fake.state.readFile(REPO, after.pull.headRef, "README.md")).not.toContain(twin.title);
    expect(world.fake.state.listCommits(REPO, after.pull.headSha)[0]!.parents).toEqual([world.fake.state.resolveCommit(world.fake.state.repo(REPO), "main")]);
    expect(parseProposalMarker(after.body!)!.papers).toEqual([RAZOR]);
    expect(botComments(world.fake, pr.number)).toHaveLength(1);
  });

  it("a merged pull request marks its papers merged; they are not proposed again", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);

    const merged = world.fake.act.mergePull(REPO, pr.number, MAINTAINER);
    await deliver(world, merged.pullRequest);
    await deliver(world, merged.push);
    const ledger = ledgerOf(world.fake);
    expect(ledger.proposals[pr.number]!.state).toBe("merged");
    expect(ledger.papers[RAZOR]!.state).toBe("merged");
    expect(botComments(world.fake, pr.number)).toEqual([]);

    await command(world, "@headscout scan since 2026-11-01");
    expect(pulls(world.fake)).toHaveLength(1);
    expect(openPulls(world.fake)).toEqual([]);
  });
});
