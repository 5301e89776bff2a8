import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import { diffInsertions } from "../../../src/scan/diff-insertions.ts";
import {
  appEvents,
  botComments,
  command,
  commentOn,
  deliver,
  fakeArxiv,
  heldArxiv,
  MAINTAINER,
  pulls,
  replyOn,
  REPO,
  scanToPull,
  steppingClock,
  thisWeek,
  twin,
  useWorlds,
  waitFor,
  type World,
} from "./harness.ts";

const worlds = useWorlds();

const head = (world: World, number: number) => world.fake.state.pull(REPO, number).issue.pull;
const mainHead = (world: World) => world.fake.state.resolveCommit(world.fake.state.repo(REPO), "main")!;
/** The pull request's head commit's parents, and the lines its catalog adds to the default branch's (insert-only, or diffInsertions throws). */
function pullAgainstMain(world: World, number: number) {
  const { headRef, headSha } = head(world, number);
  const parents = world.fake.state.listCommits(REPO, headSha)[0]!.parents;
  const inserted = diffInsertions(world.fake.state.readFile(REPO, "main", "README.md")!, world.fake.state.readFile(REPO, headRef, "README.md")!);
  return { parents, inserted: inserted.flatMap((b) => b.lines).join("\n") };
}

/** A maintainer's push to main that changes a line the bot's rows do not touch. */
function rewordIntro(world: World) {
  const readme = world.fake.state.readFile(REPO, "main", "README.md")!;
  return world.fake.act.push(REPO, "main", { "README.md": readme.replace("A small catalog", "A small, curated catalog") }, MAINTAINER, "Reword the intro");
}

describe("the default branch moved", () => {
  it("rebuilds the open pull request on the new head of main, still insert-only", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const before = head(world, pr.number).headSha;

    await deliver(world, rewordIntro(world));

    expect(head(world, pr.number).headSha).not.toBe(before);
    const { parents, inserted } = pullAgainstMain(world, pr.number);
    expect(parents).toEqual([mainHead(world)]);
    expect(inserted).toContain("RazorAttention");
    expect(world.fake.state.readFile(REPO, head(world, pr.number).headRef, "README.md")).toContain("A small, curated catalog");
    expect(world.fake.state.pull(REPO, pr.number).issue.state).toBe("open");
  });

  it("drops a paper a maintainer added to the catalog by hand, and says so in the pull request", async () => {
    const clock = steppingClock();
    const world = await worlds.world(undefined, { now: clock.now });
    const pr = await scanToPull(world);
    // The catalog as it reads with RazorAttention's row: what a maintainer adds by hand.
    const withRazor = world.fake.state.readFile(REPO, head(world, pr.number).headRef, "README.md")!;

    // A day later, arXiv lists one more paper.
    clock.advance(24 * 3600_000);
    nock.cleanAll();
    fakeArxiv([...thisWeek, twin]);
    await command(world, "@headscout scan");
    expect(parseProposalMarker(world.fake.state.pull(REPO, pr.number).issue.body!)!.papers).toHaveLength(2);

    await deliver(world, world.fake.act.push(REPO, "main", { "README.md": withRazor }, MAINTAINER, "Add RazorAttention"));
    const after = world.fake.state.pull(REPO, pr.number).issue;
    expect(after.state).toBe("open");
    expect(parseProposalMarker(after.body!)!.papers).toEqual([`arxiv:${twin.ids.arxiv}`]);
    expect(after.body).toContain("Dropped on rebuilding: the catalog lists RazorAttention");
    expect(after.title).toBe(`Add paper: ${twin.title}`);
    const { parents, inserted } = pullAgainstMain(world, pr.number);
    expect(parents).toEqual([mainHead(world)]);
    expect(inserted).toContain(twin.title);
    expect(inserted).not.toContain(thisWeek[1]!.title);
    expect(pulls(world.fake)).toHaveLength(1);
  });

  it("a push while a scan runs: the pull request is rebuilt and then updated by the scan, never taken for a human's", async () => {
    const clock = steppingClock();
    const world = await worlds.world(undefined, { now: clock.now });
    const pr = await scanToPull(world);

    clock.advance(24 * 3600_000);
    nock.cleanAll();
    const arxiv = heldArxiv([...thisWeek, twin]);
    const scan = commentOn(world.fake, "@headscout scan");
    await world.fake.sendWebhook(world.app.webhookUrl, scan.delivery);
    await arxiv.searching;
    // The scan has read the ledger and waits on arXiv; a maintainer pushes, and the bot rebuilds meanwhile.
    await world.fake.sendWebhook(world.app.webhookUrl, rewordIntro(world));
    try {
      await waitFor(() => world.fake.state.listCommits(REPO, head(world, pr.number).headSha)[0]!.parents[0] === mainHead(world));
    } finally {
      arxiv.release();
      await world.app.handle.jobs.idle();
    }

    expect(botComments(world.fake, pr.number)).toEqual([]);
    expect(parseProposalMarker(world.fake.state.pull(REPO, pr.number).issue.body!)!.papers).toHaveLength(2);
    const { parents, inserted } = pullAgainstMain(world, pr.number);
    expect(parents).toEqual([mainHead(world)]);
    expect(inserted).toContain(twin.title);
    expect(replyOn(world.fake, scan.issue)).toContain(`updated #${pr.number} (2 papers)`);
  });

  it("leaves a pull request alone once someone else pushed to its branch, and says so once", async () => {
    const clock = steppingClock();
    const world = await worlds.world(undefined, { now: clock.now });
    const pr = await scanToPull(world);
    const { headRef } = head(world, pr.number);

    const readme = world.fake.state.readFile(REPO, headRef, "README.md")!;
    await deliver(world, world.fake.act.push(REPO, headRef, { "README.md": readme.replace("RazorAttention:", "RazorAttention —") }, MAINTAINER, "Fix the title"));
    const humanHead = head(world, pr.number).headSha;

    const seen = world.fake.events.length;
    for (const line of ["Once", "Twice", "Thrice"]) {
      const text = world.fake.state.readFile(REPO, "main", "README.md")!;
      await deliver(world, world.fake.act.push(REPO, "main", { "README.md": `${text}\n${line}\n` }, MAINTAINER));
    }
    expect(head(world, pr.number).headSha).toBe(humanHead);
    expect(appEvents(world.fake).slice(seen).filter((e) => e.type.startsWith("ref.") && e.ref !== "refs/heads/headscout-state")).toEqual([]);
    const notices = botComments(world.fake, pr.number);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(`${MAINTAINER} pushed to \`${headRef}\`, so headscout leaves this branch alone`);

    // A scan does not touch it either; the new paper waits, and the reply says why.
    // A day later, arXiv lists one more paper.
    clock.advance(24 * 3600_000);
    nock.cleanAll();
    fakeArxiv([...thisWeek, twin]);
    const { issue } = await command(world, "@headscout scan");
    expect(head(world, pr.number).headSha).toBe(humanHead);
    expect(botComments(world.fake, pr.number)).toHaveLength(1);
    const reply = botComments(world.fake, issue).at(-1)!.body;
    expect(reply).toContain("1 more paper waits for the next pull request");
    expect(reply).toMatch(new RegExp(`${twin.title}.*${pr.number} has commits by someone else; headscout leaves it alone`));
    expect(pulls(world.fake)).toHaveLength(1);
  });
});
