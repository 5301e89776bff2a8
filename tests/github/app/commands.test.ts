import { describe, expect, it } from "vitest";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import {
  BOT,
  botComments,
  catalogFixture,
  command,
  commentOn,
  deliver,
  fakeArxiv,
  ledgerOf,
  MAINTAINER,
  OUTSIDER,
  pulls,
  replyOn,
  REPO,
  scanToPull,
  steppingClock,
  thisWeek,
  twin,
  useWorlds,
  type World,
} from "./harness.ts";

const worlds = useWorlds();
const RAZOR = "arxiv:2407.15891";
const TWIN = `arxiv:${twin.ids.arxiv}`;
const TALKING = "arxiv:2003.02436";

/** A maintainer's command on a pull request; the bot's reply there. */
async function onPull(world: World, pr: number, body: string, login = MAINTAINER) {
  await command(world, body, login, pr);
  return replyOn(world.fake, pr);
}

const prNow = (world: World, number: number) => world.fake.state.pull(REPO, number).issue;
const readmeOf = (world: World, number: number) => world.fake.state.readFile(REPO, prNow(world, number).pull.headRef, "README.md")!;

describe("commands by a maintainer", () => {
  it("help lists every command; an unknown one names the closest; a pull-request command on an issue says where it belongs", async () => {
    const world = await worlds.world();
    const help = await command(world, "@headscout help");
    const reply = replyOn(world.fake, help.issue);
    for (const name of ["scan", "add", "why-not", "retag", "redraft", "drop", "reconsider", "recreate", "help"]) expect(reply).toContain(`@headscout ${name}`);
    expect(reply).toContain("write access");

    const typo = await command(world, "@headscout reconsidr 2407.15891");
    expect(replyOn(world.fake, typo.issue)).toContain("did you mean `reconsider`?");

    const misplaced = await command(world, "/headscout retag 2407.15891 Induction Head");
    expect(replyOn(world.fake, misplaced.issue)).toBe("`retag` changes one of headscout's pull requests: comment it on that pull request.");
    expect(pulls(world.fake)).toEqual([]);
  });

  it("why-not answers from the ledger and the catalog: listed (its row), judged irrelevant (the rationale), proposed (where), never seen", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const ask = async (id: string) => replyOn(world.fake, (await command(world, `@headscout why-not ${id}`)).issue);
    expect(await ask("2312.09230")).toMatch(/already in the catalog: `README.md` line \d+/);
    expect(await ask("https://arxiv.org/abs/2003.02436v1")).toContain("judged not about attention heads by the offline classifier");
    expect(await ask("2407.15891")).toContain(`is proposed in #${pr.number}`);
    expect(await ask("2501.00001")).toContain("No scan has found `arxiv:2501.00001`");
    expect(await ask("2401.00001")).toContain("was filtered out by the keyword prefilter");
    expect(await ask("2401.00001")).toMatch(/Its title and abstract score -3 \(1 needed\): /);
  });

  it("add proposes a paper triage called irrelevant, showing the verdict; a listed or already proposed paper is answered with where", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const added = await command(world, "@headscout add 2003.02436 2312.09230 2407.15891");
    const reply = replyOn(world.fake, added.issue);
    expect(reply).toContain(`- **Talking-Heads Attention** (\`${TALKING}\`): proposed in #${pr.number}.`);
    expect(reply).toContain("is already in the catalog");
    expect(reply).toContain(`is proposed in #${pr.number}`);

    const after = prNow(world, pr.number);
    expect(parseProposalMarker(after.body!)!.papers.sort()).toEqual([TALKING, RAZOR].sort());
    expect(readmeOf(world, pr.number)).toContain("Talking-Heads Attention");
    expect(after.body).toContain("proposed by maria with add: triage judged it irrelevant (confidence 0.77)");
    // The body does not pass it off as a find: triage's "no" is said in the intro, the table and the details.
    expect(after.body).toContain("Triage did not call one of them relevant: it is proposed because a maintainer asked");
    expect(after.body).toMatch(/\| not relevant \(0\.77\), asked for \|/);
    expect(after.body).toContain("**Why triage would have left it out:**");
    expect(ledgerOf(world.fake).papers[TALKING]).toMatchObject({ state: "proposed", proposal: pr.number });
    expect(ledgerOf(world.fake).commands.map((c) => c.kind)).toEqual(["scan", "add"]);

    const openreview = await command(world, "@headscout add https://openreview.net/forum?id=AbC_123");
    expect(replyOn(world.fake, openreview.issue)).toBe("- `openreview:AbC_123`: not proposed, this server has no OpenReview login (OPENREVIEW_USERNAME/PASSWORD): give its arXiv id.");
  });

  it("add of a rejected paper lifts the rejection and proposes it again", async () => {
    const clock = steppingClock();
    const world = await worlds.world(undefined, { now: clock.now });
    const pr = await scanToPull(world);
    await deliver(world, world.fake.act.closePull(REPO, pr.number, MAINTAINER));
    // A minute later: a new pull request's branch is named by the minute, and the closed one's branch is still there.
    clock.advance(60_000);
    expect(ledgerOf(world.fake).papers[RAZOR]!.state).toBe("rejected");
    const added = await command(world, "@headscout add arxiv:2407.15891");
    const [, again] = pulls(world.fake);
    expect(replyOn(world.fake, added.issue)).toContain(`: proposed in #${again!.number} (a new pull request).`);
    expect(parseProposalMarker(again!.body!)!.papers).toEqual([RAZOR]);
    expect(ledgerOf(world.fake).papers[RAZOR]).toMatchObject({ state: "proposed", proposal: again!.number });
    expect(ledgerOf(world.fake).papers[RAZOR]!.rejection).toBeUndefined();
  });

  it("retag sets a proposed entry's tags (registry names; an unknown one gets the closest names and changes nothing)", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const headBefore = pr.pull!.headSha;

    expect(await onPull(world, pr.number, "@headscout retag Retreival Hed")).toContain("did you mean Retrieval Head");
    expect(prNow(world, pr.number).pull.headSha).toBe(headBefore);

    const reply = await onPull(world, pr.number, "@headscout retag 2407.15891 Induction Head, Retrieval Head");
    expect(reply).toBe("Retagged `arxiv:2407.15891`: Induction Head, Retrieval Head. The pull request is rebuilt with these tags.");
    expect(prNow(world, pr.number).pull.headSha).not.toBe(headBefore);
    expect(readmeOf(world, pr.number)).toContain("Induction_Head-blue");
    expect(prNow(world, pr.number).body).toContain("tags set by maria with retag: Induction Head, Retrieval Head");
  });

  it("drop takes a paper out and rejects it; reconsider lifts that", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world, [...thisWeek, twin]);
    const reply = await onPull(world, pr.number, `@headscout drop ${TWIN}`);
    expect(reply).toContain(`Dropped \`${TWIN}\` from this pull request: headscout will not propose it again.`);
    expect(readmeOf(world, pr.number)).not.toContain(twin.title);
    expect(parseProposalMarker(prNow(world, pr.number).body!)!.papers).toEqual([RAZOR]);
    expect(ledgerOf(world.fake).papers[TWIN]).toMatchObject({ state: "rejected", rejection: { how: "dropped", by: MAINTAINER } });

    const lifted = await command(world, `@headscout reconsider ${twin.ids.arxiv}`);
    expect(replyOn(world.fake, lifted.issue)).toContain(`The rejection of \`${TWIN}\` is lifted`);
    expect(ledgerOf(world.fake).papers[TWIN]!.state).toBe("pending");
    const again = await command(world, `@headscout reconsider ${twin.ids.arxiv}`);
    expect(replyOn(world.fake, again.issue)).toContain("is not rejected, so there is nothing to lift");
  });

  it("redraft judges the paper again and rebuilds; it counts towards the hourly limit", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const reply = await onPull(world, pr.number, "@headscout redraft");
    expect(reply).toContain("Redrafted `arxiv:2407.15891`: triage judged it relevant");
    expect(ledgerOf(world.fake).commands.map((c) => c.kind)).toEqual(["scan", "redraft"]);
    expect(readmeOf(world, pr.number)).toContain("RazorAttention");
  });

  it("recreate rebuilds the branch over a person's commits, with a warning", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const branch = pr.pull!.headRef;
    const readme = world.fake.state.readFile(REPO, branch, "README.md")!;
    await deliver(world, world.fake.act.push(REPO, branch, { "README.md": `${readme}\nA note by hand.\n` }, MAINTAINER));
    await deliver(world, world.fake.act.push(REPO, "main", { "README.md": catalogFixture.replace("A small catalog", "A small, curated catalog") }, MAINTAINER));
    expect(botComments(world.fake, pr.number).at(-1)!.body).toContain("leaves this branch alone");

    const retag = await onPull(world, pr.number, "@headscout retag Induction Head");
    expect(retag).toContain("Retagged `arxiv:2407.15891`: Induction Head. The branch was not rebuilt: it has commits by someone else");
    expect(readmeOf(world, pr.number)).toContain("A note by hand.");

    const reply = await onPull(world, pr.number, "@headscout recreate");
    expect(reply).toContain("**Warning:** the commits others had pushed to it are no longer on the branch");
    const after = readmeOf(world, pr.number);
    expect(after).not.toContain("A note by hand.");
    expect(after).toContain("A small, curated catalog");
    expect(after).toContain("RazorAttention");
    expect(after).toContain("Induction_Head-blue");
    expect(world.fake.state.listCommits(REPO, prNow(world, pr.number).pull.headSha)[0]!.parents).toEqual([world.fake.state.resolveCommit(world.fake.state.repo(REPO), "main")]);
    expect(ledgerOf(world.fake).proposals[pr.number]).toMatchObject({ humanPushNoticed: false, headSha: prNow(world, pr.number).pull.headSha });
  });
});

describe("who may command", () => {
  it("an outsider's commands, each of them: one polite reply per thread, nothing done", async () => {
    const world = await worlds.world();
    const pr = await scanToPull(world);
    const before = JSON.stringify(ledgerOf(world.fake));
    const issue = commentOn(world.fake, "@headscout help", OUTSIDER).issue;
    for (const body of ["scan", "add 2003.02436", "why-not 2003.02436", "reconsider 2003.02436", "help"]) await command(world, `@headscout ${body}`, OUTSIDER, issue);
    for (const body of ["retag Induction Head", "redraft", "drop", "recreate"]) await command(world, `@headscout ${body}`, OUTSIDER, pr.number);
    expect(botComments(world.fake, issue)).toHaveLength(1);
    expect(botComments(world.fake, issue)[0]!.body).toContain("write access");
    expect(botComments(world.fake, pr.number)).toHaveLength(1);
    expect(JSON.stringify(ledgerOf(world.fake))).toBe(before);
    expect(pulls(world.fake)).toHaveLength(1);
    expect(prNow(world, pr.number).pull.headSha).toBe(pr.pull!.headSha);
  });

  it("a bot's comment and an edited comment are ignored; a redelivered add acts once", async () => {
    const world = await worlds.world();
    fakeArxiv();
    const byBot = await command(world, "@headscout add 2003.02436", "dependabot[bot]");
    expect(botComments(world.fake, byBot.issue)).toEqual([]);

    const plain = commentOn(world.fake, "thanks!");
    await deliver(world, plain.delivery);
    const edited = world.fake.act.editComment(REPO, (plain.delivery.payload as { comment: { id: number } }).comment.id, "@headscout add 2003.02436", MAINTAINER);
    await deliver(world, edited);
    expect(botComments(world.fake, plain.issue)).toEqual([]);
    expect(pulls(world.fake)).toEqual([]);

    const asked = commentOn(world.fake, "@headscout add 2003.02436");
    await deliver(world, asked.delivery);
    await deliver(world, { ...asked.delivery, id: crypto.randomUUID() });
    expect(botComments(world.fake, asked.issue)).toHaveLength(1);
    expect(pulls(world.fake)).toHaveLength(1);
    expect(ledgerOf(world.fake).commands).toHaveLength(1);
    expect([...world.fake.state.repo(REPO).comments.values()].filter((c) => c.user.login === BOT)).toHaveLength(1);
  });
});

describe("the hourly limit", () => {
  it("the 7th scan in an hour is refused, saying when the next is possible; why-not still answers", async () => {
    const world = await worlds.world();
    fakeArxiv();
    const issue = commentOn(world.fake, "@headscout help").issue;
    for (let i = 0; i < 6; i++) await command(world, "@headscout scan", MAINTAINER, issue);
    expect(ledgerOf(world.fake).commands).toHaveLength(6);
    const refused = await command(world, "@headscout scan");
    expect(replyOn(world.fake, refused.issue)).toBe(
      "This repository has had 6 `scan`, `add` or `redraft` commands in the last hour, and its limit is 6 an hour (`commands.perHour` in `.github/headscout.yml`). The next scan is possible at 13:00 UTC.",
    );
    expect(ledgerOf(world.fake).scans).toHaveLength(6);
    const why = await command(world, "@headscout why-not 2003.02436");
    expect(replyOn(world.fake, why.issue)).toContain("judged not about attention heads");
  });
});

describe("commands at once", () => {
  it("two adds at the same moment take turns: one grouped pull request with both papers", async () => {
    const world = await worlds.world();
    fakeArxiv();
    const first = commentOn(world.fake, "@headscout add 2003.02436");
    const second = commentOn(world.fake, "@headscout add 2401.00001");
    await Promise.all([first, second].map((c) => world.fake.sendWebhook(world.app.webhookUrl, c.delivery)));
    await world.app.handle.jobs.idle();
    expect(pulls(world.fake)).toHaveLength(1);
    expect(parseProposalMarker(pulls(world.fake)[0]!.body!)!.papers.sort()).toEqual([TALKING, "arxiv:2401.00001"]);
    expect(replyOn(world.fake, first.issue)).toContain("proposed in #");
    expect(replyOn(world.fake, second.issue)).toContain("proposed in #");
  });
});
