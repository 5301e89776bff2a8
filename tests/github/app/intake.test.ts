import nock from "nock";
import { describe, expect, it } from "vitest";
import { renderClosesLine } from "../../../src/github/intake/texts.ts";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import { diffInsertions } from "../../../src/scan/diff-insertions.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { renderArxivFeed } from "../../helpers/arxiv-feed.ts";
import { answerFor, completion, fakeEndpoint, LLM_ENV } from "../../triage/helpers/llm.ts";
import { answersFor, ITERATION_HEAD, renderFormBody, RETRIEVAL_HEAD, type Answers } from "../intake/helpers.ts";
import { ARXIV_HOST, BOT, botComments, catalogFixture, CONFIG, deliver, MAINTAINER, OUTSIDER, pulls, REPO, useWorlds, type World } from "./harness.ts";

const worlds = useWorlds();
const LABEL = "add-new-paper";

/** arXiv answering every lookup with `papers`, counting requests and keeping their queries. */
function arxivLists(papers: readonly Paper[]) {
  const seen = { requests: 0, queries: [] as string[] };
  nock(ARXIV_HOST)
    .get("/api/query")
    .query(true)
    .reply((uri: string) => {
      seen.requests++;
      seen.queries.push(decodeURIComponent(uri));
      return [200, renderArxivFeed(papers), { "content-type": "application/atom+xml; charset=utf-8" }];
    })
    .persist();
  return seen;
}

/** An issue opened with the form (GitHub adds the form's label), and the webhook GitHub sends. */
function submit(world: World, answers: Answers, login = OUTSIDER, title = `[Paper] ${String(answers.Title ?? "")}`) {
  const state = world.fake.state;
  const repo = state.repo(REPO);
  const user = state.user(login);
  const issue = state.openIssue(repo, { title, body: renderFormBody(answers), user, labels: [LABEL] });
  return { issue: issue.number, delivery: world.fake.deliveries.issues(repo, issue.number, "opened", user) };
}

const SUMMARY = "- Innovation: iteration heads emerge for chain-of-thought, see @octocat and <script>alert(1)</script>.\n- Tasks: parity and polynomial iteration.\n- Significant Result: the skill transfers between tasks.";

describe("issue-form intake, end to end", () => {
  it("turns a well-formed submission into a pull request that closes the issue, inserting only the row with the submitter's summary and head name", async () => {
    const world = await worlds.world();
    const arxiv = arxivLists([ITERATION_HEAD]);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD, { Summary: SUMMARY }));
    await deliver(world, delivery);

    const [pr] = pulls(world.fake);
    expect(pr?.pull).toBeDefined();
    expect(pr!.title).toBe(`Add paper: ${ITERATION_HEAD.title}`);
    expect(pr!.body).toContain(renderClosesLine(issue));
    expect(pr!.body).toContain("submitted with the issue form");
    expect(pr!.body).not.toContain("Judged by the offline classifier");
    expect(parseProposalMarker(pr!.body ?? "")?.mode).toBe("per-paper");

    const catalog = world.fake.state.readFile(REPO, pr!.pull!.headRef, "README.md")!;
    // The old catalog plus one block of inserted lines (diffInsertions throws on anything else).
    const blocks = diffInsertions(catalogFixture, catalog);
    expect(blocks).toHaveLength(1);
    const inserted = blocks[0]!.lines.join("\n");
    expect(inserted).toContain(ITERATION_HEAD.title);
    expect(inserted).toContain("iteration heads emerge for chain-of-thought");
    expect(inserted).toContain("Iteration");
    expect(inserted).not.toMatch(/@octocat|<script/);
    expect(inserted).toContain("Iteration_Head");

    const replies = botComments(world.fake, issue);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`proposed its entry in #${pr!.number}`);
    expect(arxiv.requests).toBeGreaterThan(0);

    const ledger = JSON.parse(world.fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as { proposals: Record<string, { papers: string[]; provenance?: { submission?: { issue: number } } }> };
    expect(ledger.proposals[pr!.number]!.provenance?.submission?.issue).toBe(issue);

    // The same webhook again (a redelivery), or an edit: the pull request is there, nothing more happens.
    await deliver(world, { ...delivery, id: `${delivery.id}-again` });
    expect(pulls(world.fake)).toHaveLength(1);
    expect(botComments(world.fake, issue)).toHaveLength(1);
  });

  it("answers a form missing answers with exactly what is missing", async () => {
    const world = await worlds.world();
    const arxiv = arxivLists([ITERATION_HEAD]);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD, { Title: "", "Head Name": "" }), OUTSIDER, "[Paper] ");
    await deliver(world, delivery);

    expect(pulls(world.fake)).toHaveLength(0);
    const reply = botComments(world.fake, issue).at(-1)?.body ?? "";
    expect(reply).toContain("Some answers are missing");
    expect(reply).toContain("**Title**");
    expect(reply).toContain("**Head Name**");
    expect(reply).not.toContain("**Summary**");
    expect(arxiv.requests).toBe(0);
  });

  it("answers a paper the catalog lists with the row it is on", async () => {
    const world = await worlds.world();
    arxivLists([RETRIEVAL_HEAD]);
    const { issue, delivery } = submit(world, answersFor(RETRIEVAL_HEAD, { "Head Name": "Retrieval Head" }));
    await deliver(world, delivery);

    expect(pulls(world.fake)).toHaveLength(0);
    const reply = botComments(world.fake, issue).at(-1)?.body ?? "";
    expect(reply).toContain("is already in the catalog");
    expect(reply).toMatch(/`README\.md` line \d+/);
  });

  it("answers a paper arXiv does not know with what was searched", async () => {
    const world = await worlds.world();
    const arxiv = arxivLists([]);
    const { issue, delivery } = submit(world, answersFor({ ...ITERATION_HEAD, title: "Heads That Do Not Exist Anywhere" }));
    await deliver(world, delivery);

    expect(pulls(world.fake)).toHaveLength(0);
    const reply = botComments(world.fake, issue).at(-1)?.body ?? "";
    expect(reply).toContain("I could not find this paper");
    expect(reply).toContain("I searched:");
    expect(reply).toContain("Heads That Do Not Exist Anywhere");
    expect(arxiv.requests).toBeGreaterThan(0);
  });

  it("takes an outsider's submission without write access and without the LLM, even where the LLM is configured", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}triage:\n  mode: llm\n` }, { env: { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: "https://llm.test/v1" } });
    const llm = { requests: 0 };
    nock("https://llm.test")
      .post(/.*/)
      .reply(() => {
        llm.requests++;
        return [500, "no"];
      })
      .persist();
    arxivLists([ITERATION_HEAD]);
    expect(world.fake.state.repo(REPO).issues.size).toBe(0);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD), OUTSIDER);
    await deliver(world, delivery);

    expect(pulls(world.fake)).toHaveLength(1);
    expect(botComments(world.fake, issue).at(-1)?.body).toContain("proposed its entry in #");
    expect(llm.requests).toBe(0);
    // The outsider gets no "only maintainers may" reply: the form is the public way in.
    expect(botComments(world.fake, issue).some((c) => /write access/.test(c.body))).toBe(false);
  });

  it("answers the same submitter's repeated issues for one paper once", async () => {
    const world = await worlds.world();
    arxivLists([]);
    const answers = answersFor({ ...ITERATION_HEAD, title: "Heads That Do Not Exist Anywhere" });
    const first = submit(world, answers);
    await deliver(world, first.delivery);
    const second = submit(world, answers);
    await deliver(world, second.delivery);

    expect(botComments(world.fake, first.issue)).toHaveLength(1);
    expect(botComments(world.fake, second.issue)).toHaveLength(0);
  });

  it("proposes a paper once when the same submitter files it twice, and answers the second issue with where it is proposed", async () => {
    const world = await worlds.world();
    arxivLists([ITERATION_HEAD]);
    const first = submit(world, answersFor(ITERATION_HEAD), MAINTAINER);
    await deliver(world, first.delivery);
    const second = submit(world, answersFor(ITERATION_HEAD), MAINTAINER);
    await deliver(world, second.delivery);

    expect(pulls(world.fake)).toHaveLength(1);
    const [pr] = pulls(world.fake);
    expect(botComments(world.fake, second.issue).at(-1)?.body ?? "").toContain(`already proposed in #${pr!.number}`);
  });

  it("leaves an issue without the form's label alone", async () => {
    const world = await worlds.world();
    const arxiv = arxivLists([ITERATION_HEAD]);
    const delivery = world.fake.act.openIssue(REPO, "A paper", renderFormBody(answersFor(ITERATION_HEAD)), OUTSIDER);
    await deliver(world, delivery);
    expect(pulls(world.fake)).toHaveLength(0);
    expect([...world.fake.state.repo(REPO).comments.values()].filter((c) => c.user.login === BOT)).toHaveLength(0);
    expect(arxiv.requests).toBe(0);
  });

  it("reads an edited submission again: the missing answer given, the paper is proposed", async () => {
    const world = await worlds.world();
    arxivLists([ITERATION_HEAD]);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD, { Title: "" }), OUTSIDER, "[Paper] ");
    await deliver(world, delivery);
    expect(botComments(world.fake, issue).at(-1)?.body).toContain("**Title**");

    const state = world.fake.state;
    const repo = state.repo(REPO);
    const stored = repo.issues.get(issue)!;
    const from = stored.body;
    Object.assign(stored, { body: renderFormBody(answersFor(ITERATION_HEAD)) });
    await deliver(world, world.fake.deliveries.issues(repo, issue, "edited", state.user(OUTSIDER), { changes: { body: { from } } }));

    const [pr] = pulls(world.fake);
    expect(pr?.body).toContain(renderClosesLine(issue));
    expect(botComments(world.fake, issue).at(-1)?.body).toContain(`proposed its entry in #${pr!.number}`);

    // Edited once more: a pull request was opened for it, so nothing happens.
    await deliver(world, world.fake.deliveries.issues(repo, issue, "edited", state.user(OUTSIDER), { changes: { body: { from } } }));
    expect(pulls(world.fake)).toHaveLength(1);
    expect(botComments(world.fake, issue)).toHaveLength(2);
  });

  it("limits outsiders' submissions per hour (intake.perHour), not a maintainer's", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}intake:\n  perHour: 1\n` });
    arxivLists([]);
    const first = submit(world, answersFor({ ...ITERATION_HEAD, title: "First Unknown Heads" }), OUTSIDER);
    await deliver(world, first.delivery);
    const second = submit(world, answersFor({ ...ITERATION_HEAD, title: "Second Unknown Heads" }), "eve");
    await deliver(world, second.delivery);
    expect(botComments(world.fake, second.issue).at(-1)?.body).toContain("more paper submissions in the last hour than headscout takes (1 an hour)");

    const third = submit(world, answersFor({ ...ITERATION_HEAD, title: "Third Unknown Heads" }), MAINTAINER);
    await deliver(world, third.delivery);
    expect(botComments(world.fake, third.issue).at(-1)?.body).toContain("I could not find this paper");
  });

  it("does nothing where intake.enabled is false", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}intake:\n  enabled: false\n` });
    const arxiv = arxivLists([ITERATION_HEAD]);
    const { delivery } = submit(world, answersFor(ITERATION_HEAD));
    await deliver(world, delivery);
    expect(pulls(world.fake)).toHaveLength(0);
    expect(botComments(world.fake)).toHaveLength(0);
    expect(arxiv.requests).toBe(0);
  });

  it.each([
    ["a maintainer's submission", MAINTAINER, ""],
    ["an outsider's submission where intake.llm allows it", OUTSIDER, "intake:\n  llm: true\n"],
  ])("lets the LLM read %s: its verdict flagged, the submitter's summary kept, the spend in the ledger", async (_, login, extra) => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}${extra}` }, { env: LLM_ENV });
    const llm = fakeEndpoint(() => completion(answerFor({ rationale: "Names iteration heads and their function.", tags: [{ name: "Iteration Head", evidence: "iteration heads" }] })));
    arxivLists([ITERATION_HEAD]);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD), login);
    await deliver(world, delivery);

    expect(llm).toHaveLength(1);
    const [pr] = pulls(world.fake);
    expect(pr?.body).toContain(renderClosesLine(issue));
    expect(pr!.body).toContain("the LLM judged it relevant (confidence 0.90): Names iteration heads and their function.");
    expect(pr!.body).toContain("also read by the LLM");
    const inserted = diffInsertions(catalogFixture, world.fake.state.readFile(REPO, pr!.pull!.headRef, "README.md")!).flatMap((b) => b.lines).join("\n");
    expect(inserted).toContain("iteration heads emerge for chain-of-thought");
    expect(inserted).not.toContain("Introduces attention heads with a function.");
    const ledger = JSON.parse(world.fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as { spend: Record<string, { calls: number }> };
    expect(Object.values(ledger.spend).reduce((n, d) => n + d.calls, 0)).toBe(1);
  });

  it.each([["per-paper"], ["grouped"]])("rebuilds a submission's pull request when the default branch moves (pullRequests.mode %s), keeping its closing line", async (mode) => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}pullRequests:\n  mode: ${mode}\n` });
    arxivLists([ITERATION_HEAD]);
    const { issue, delivery } = submit(world, answersFor(ITERATION_HEAD));
    await deliver(world, delivery);
    const [pr] = pulls(world.fake);

    await deliver(world, world.fake.act.push(REPO, "main", { "README.md": catalogFixture.replace("</table>", "</table>\n\n<!-- reworded -->") }, MAINTAINER, "Touch the catalog"));
    const main = world.fake.state.resolveCommit(world.fake.state.repo(REPO), "main")!;
    expect(world.fake.state.listCommits(REPO, pr!.pull!.headRef)[0]!.parents).toEqual([main]);
    const rebuilt = world.fake.state.repo(REPO).issues.get(pr!.number)!;
    expect(rebuilt.body).toContain(renderClosesLine(issue));
    expect(rebuilt.body).toContain("submitted with the issue form");
  });

  it("takes an issue labelled with the form's label after it was opened", async () => {
    const world = await worlds.world();
    arxivLists([ITERATION_HEAD]);
    const state = world.fake.state;
    const repo = state.repo(REPO);
    const user = state.user(OUTSIDER);
    const opened = state.openIssue(repo, { title: "A paper", body: renderFormBody(answersFor(ITERATION_HEAD)), user });
    await deliver(world, world.fake.deliveries.issues(repo, opened.number, "opened", user));
    expect(pulls(world.fake)).toHaveLength(0);

    // Another label first: nothing; then the form's.
    const maintainer = state.user(MAINTAINER);
    state.addLabels(repo, opened, ["question"]);
    await deliver(world, world.fake.deliveries.issues(repo, opened.number, "labeled", maintainer, { label: { id: 1, node_id: "LA_1", url: `https://api.github.com/repos/${REPO}/labels/question`, name: "question", color: "ededed", default: false, description: null } }));
    expect(pulls(world.fake)).toHaveLength(0);
    state.addLabels(repo, opened, [LABEL]);
    await deliver(world, world.fake.deliveries.issues(repo, opened.number, "labeled", maintainer, { label: { id: 2, node_id: "LA_2", url: `https://api.github.com/repos/${REPO}/labels/${LABEL}`, name: LABEL, color: "ededed", default: false, description: null } }));
    const [pr] = pulls(world.fake);
    expect(pr?.body).toContain(renderClosesLine(opened.number));
  });
});
