import { describe, expect, it } from "vitest";
import type { Role } from "./index.ts";
import { commitAsApp, failure, octokitFor, seedCatalog, takeRejected, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();

describe("fake GitHub: issues, comments, reactions, labels and permissions", () => {
  it("lists issues with GitHub's filters (pull requests included) and pages them with a Link header", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "issues");
    const full = `${owner}/${repo}`;
    await octokit.issues.create({ owner, repo, title: "headscout: configuration error", body: "`triage.llm.model`: unknown", labels: ["headscout"] });
    f.act.openIssue(full, "Add a paper", "Please add it", "alice");
    await commitAsApp(octokit, { owner, repo, branch: "headscout/p" }, { "NEW.md": "x\n" });
    await octokit.pulls.create({ owner, repo, head: "headscout/p", base: "main", title: "papers" });
    for (let i = 0; i < 3; i++) await octokit.issues.create({ owner, repo, title: `filler ${i}` });

    const mine = await octokit.issues.listForRepo({ owner, repo, creator: "headscout[bot]", labels: "headscout", state: "all" });
    expect(mine.data.map((i) => [i.number, i.title, i.user?.type])).toEqual([[1, "headscout: configuration error", "Bot"]]);
    const all = await octokit.issues.listForRepo({ owner, repo });
    expect(all.data.map((i) => i.number)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(all.data.find((i) => i.number === 3)?.pull_request?.url).toBe(`${f.apiUrl}/repos/${full}/pulls/3`);

    const page = await octokit.issues.listForRepo({ owner, repo, per_page: 2, page: 2 });
    expect(page.data.map((i) => i.number)).toEqual([4, 3]);
    expect(page.headers.link).toContain('rel="next"');
    expect(page.headers.link).toContain('rel="prev"');
    const paged = await octokit.paginate(octokit.issues.listForRepo, { owner, repo, per_page: 4 });
    expect(paged.map((i) => i.number)).toEqual([6, 5, 4, 3, 2, 1]);

    await octokit.issues.update({ owner, repo, issue_number: 1, state: "closed" });
    expect((await octokit.issues.listForRepo({ owner, repo, state: "closed" })).data.map((i) => [i.number, i.state_reason])).toEqual([[1, "completed"]]);
    expect(f.events.filter((e) => e.type.startsWith("issues.")).map((e) => e.type)).toEqual(["issues.opened", "issues.opened", "issues.opened", "issues.opened", "issues.closed"]);
  });

  it("posts, lists and edits comments, and refuses a body over GitHub's 65,536 characters", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "comments");
    const full = `${owner}/${repo}`;
    f.act.openIssue(full, "Scan please", "", "alice");
    const asked = f.act.comment(full, 1, "@headscout scan", "alice");
    const commentId = (asked.payload.comment as { id: number }).id;

    const reply = await octokit.issues.createComment({ owner, repo, issue_number: 1, body: "Scanning…" });
    expect(reply.data).toMatchObject({ body: "Scanning…", user: { login: "headscout[bot]" }, html_url: `${f.url}/${full}/issues/1#issuecomment-${reply.data.id}` });
    await octokit.issues.updateComment({ owner, repo, comment_id: reply.data.id, body: "Scan report" });
    const listed = await octokit.issues.listComments({ owner, repo, issue_number: 1 });
    expect(listed.data.map((c) => [c.id, c.user?.login, c.body])).toEqual([
      [commentId, "alice", "@headscout scan"],
      [reply.data.id, "headscout[bot]", "Scan report"],
    ]);

    const tooLong = await failure(octokit.issues.createComment({ owner, repo, issue_number: 1, body: "x".repeat(65537) }));
    expect(tooLong).toMatchObject({ status: 422, data: { errors: [{ field: "body", message: "body is too long (maximum is 65536 characters)" }] } });
    expect(takeRejected(f)).toEqual(["limit"]);
  });

  it("adds a reaction once (201, then 200), lists reactions, and adds labels", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "reactions");
    const full = `${owner}/${repo}`;
    f.act.openIssue(full, "Scan please", "", "alice");
    const commentId = (f.act.comment(full, 1, "/headscout scan", "alice").payload.comment as { id: number }).id;

    const first = await octokit.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "eyes" });
    const again = await octokit.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    const eyes = await octokit.reactions.listForIssueComment({ owner, repo, comment_id: commentId, content: "eyes" });
    expect(eyes.data.map((r) => r.user?.login)).toEqual(["headscout[bot]"]);
    expect((await octokit.issues.getComment({ owner, repo, comment_id: commentId })).data.reactions).toMatchObject({ total_count: 1, eyes: 1 });
    expect(f.events.filter((e) => e.type === "reaction.created")).toMatchObject([{ commentId, content: "eyes", actor: "headscout[bot]" }]);

    await octokit.issues.createLabel({ owner, repo, name: "headscout", color: "5319e7", description: "Opened by headscout" });
    expect((await failure(octokit.issues.createLabel({ owner, repo, name: "HEADSCOUT" }))).data.errors).toEqual([{ resource: "Label", code: "already_exists", field: "name" }]);
    const labels = await octokit.issues.addLabels({ owner, repo, issue_number: 1, labels: ["headscout", "papers"] });
    expect(labels.data.map((l) => [l.name, l.color])).toEqual([
      ["headscout", "5319e7"],
      ["papers", "ededed"],
    ]);
    expect((await octokit.issues.getLabel({ owner, repo, name: "papers" })).data.name).toBe("papers");
  });

  it("reports permission levels in GitHub's shape: maintain reads permission write, role_name maintain", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "permissions");
    const roles: Role[] = ["admin", "maintain", "write", "triage", "read"];
    for (const role of roles) f.state.setRole(`${owner}/${repo}`, `user-${role}`, role);
    const level = async (username: string) => {
      const { data } = await octokit.repos.getCollaboratorPermissionLevel({ owner, repo, username });
      return [data.permission, data.role_name, data.user?.permissions?.push];
    };
    expect(await level("octo-lab")).toEqual(["admin", "admin", true]);
    expect(await level("user-maintain")).toEqual(["write", "maintain", true]);
    expect(await level("user-write")).toEqual(["write", "write", true]);
    expect(await level("user-triage")).toEqual(["read", "triage", false]);
    expect(await level("user-read")).toEqual(["read", "read", false]);
    expect(await level("outsider")).toEqual(["read", "read", false]);

    f.state.seedRepo({ owner, repo: "private", files: { "README.md": "x" }, private: true });
    const privateOctokit = octokitFor(f, f.installationToken(`${owner}/private`));
    expect((await privateOctokit.repos.getCollaboratorPermissionLevel({ owner, repo: "private", username: "outsider" })).data).toMatchObject({ permission: "none", role_name: "none" });
  });

  it("acts as a person with a user token, within that person's role", async () => {
    const f = fake();
    const { owner, repo } = seedCatalog(f, "people");
    f.state.setRole(`${owner}/${repo}`, "dana", "triage");
    const dana = octokitFor(f, f.userToken("dana"));
    await dana.issues.create({ owner, repo, title: "from dana" });
    expect(await failure(dana.git.createRef({ owner, repo, ref: "refs/heads/x", sha: f.state.listCommits(`${owner}/${repo}`, "main")[0]!.sha }))).toMatchObject({ status: 403 });
    expect(f.events.at(-1)).toMatchObject({ type: "issues.opened", actor: "dana" });
    expect(takeRejected(f)).toEqual(["permission"]);
  });
});
