import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "./index.ts";
import { CATALOG, commitAsApp, failure, octokitFor, seedCatalog, takeRejected, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();
const withPaper = (title: string) => CATALOG.replace("## Paper List\n\n", `## Paper List\n\n- 2025-03-01 ${title}\n`);

describe("fake GitHub: pull requests", () => {
  it("opens a PR from the app's branch and finds it by head (owner:branch) and base", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "open-pr");
    const head = await commitAsApp(octokit, { owner, repo, branch: "headscout/papers" }, { "README.md": withPaper("Copy suppression heads") });
    const created = await octokit.pulls.create({ owner, repo, head: "headscout/papers", base: "main", title: "headscout: 1 new paper", body: "Papers", draft: true });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: "open", draft: true, head: { ref: "headscout/papers", sha: head }, base: { ref: "main" }, user: { login: "headscout[bot]", type: "Bot" } });
    expect(created.data.html_url).toBe(`${f.url}/${owner}/${repo}/pull/1`);
    // GitHub answers a new PR before computing mergeability.
    expect(created.data.mergeable).toBeNull();

    const byHead = await octokit.pulls.list({ owner, repo, head: `${owner}:headscout/papers`, state: "open" });
    expect(byHead.data.map((p) => p.number)).toEqual([1]);
    expect((await octokit.pulls.list({ owner, repo, head: `${owner}:other` })).data).toEqual([]);
    expect((await octokit.pulls.list({ owner, repo, base: "develop" })).data).toEqual([]);
    // As on GitHub, a bare branch name is no filter at all.
    expect((await octokit.pulls.list({ owner, repo, head: "other" })).data.map((p) => p.number)).toEqual([1]);

    const files = await octokit.pulls.listFiles({ owner, repo, pull_number: 1 });
    expect(files.data.map((x) => [x.filename, x.additions, x.deletions])).toEqual([["README.md", 1, 0]]);
    expect(files.data[0]!.patch).toContain("+- 2025-03-01 Copy suppression heads");
    const commits = await octokit.pulls.listCommits({ owner, repo, pull_number: 1 });
    expect(commits.data.map((c) => [c.sha, c.author?.login])).toEqual([[head, "headscout[bot]"]]);
    expect(f.events.filter((e) => e.type === "pull_request.opened")).toMatchObject([{ number: 1, actor: "headscout[bot]", ref: "headscout/papers" }]);
  });

  it("refuses a PR with no commits, a second PR for the same head, and a missing head, as GitHub does", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "refusals");
    await octokit.git.createRef({ owner, repo, ref: "refs/heads/empty", sha: (await octokit.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha });
    expect(await failure(octokit.pulls.create({ owner, repo, head: "empty", base: "main", title: "t" }))).toMatchObject({
      status: 422,
      data: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: "No commits between main and empty" }], status: "422" },
    });
    await commitAsApp(octokit, { owner, repo, branch: "headscout/x" }, { "README.md": withPaper("A") });
    await octokit.pulls.create({ owner, repo, head: `${owner}:headscout/x`, base: "main", title: "first" });
    const dup = await failure(octokit.pulls.create({ owner, repo, head: "headscout/x", base: "main", title: "second" }));
    expect(dup.data.errors).toEqual([{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:headscout/x.` }]);
    expect(f.rejected).toEqual([]);

    const missing = await failure(octokit.pulls.create({ owner, repo, head: "nope", base: "main", title: "t" }));
    expect(missing.data.errors).toEqual([{ resource: "PullRequest", code: "invalid", field: "head" }]);
    expect(takeRejected(f)).toEqual(["invalid"]);
  });

  it("computes mergeability from the base: clean when contained or mergeable, dirty on a conflict; behind only under protection", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "mergeable");
    const full = `${owner}/${repo}`;
    await commitAsApp(octokit, { owner, repo, branch: "headscout/p" }, { "README.md": withPaper("Retrieval heads") });
    await octokit.pulls.create({ owner, repo, head: "headscout/p", base: "main", title: "p" });
    const state = async () => (await octokit.pulls.get({ owner, repo, pull_number: 1 })).data;
    expect(await state()).toMatchObject({ mergeable: true, mergeable_state: "clean", commits: 1, additions: 1, changed_files: 1 });

    f.state.pushAsHuman(full, "main", { "CONTRIBUTING.md": "Be kind.\n" }, "alice");
    expect(await state()).toMatchObject({ mergeable: true, mergeable_state: "clean" });
    expect((await octokit.repos.compareCommitsWithBasehead({ owner, repo, basehead: "main...headscout/p" })).data).toMatchObject({ status: "diverged", behind_by: 1 });
    f.state.repo(full).requireUpToDate = true;
    expect(await state()).toMatchObject({ mergeable: true, mergeable_state: "behind" });

    // A human adds a different paper at the same place: the same lines, a conflict.
    f.state.pushAsHuman(full, "main", { "README.md": withPaper("Successor heads") }, "alice");
    expect(await state()).toMatchObject({ mergeable: false, mergeable_state: "dirty" });
  });

  it("merges, closes and edits as people do, each with the webhook GitHub would send", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "human-actions");
    const full = `${owner}/${repo}`;
    await commitAsApp(octokit, { owner, repo, branch: "headscout/a" }, { "README.md": withPaper("Induction heads") });
    await octokit.pulls.create({ owner, repo, head: "headscout/a", base: "main", title: "a", body: "- [x] Induction heads" });

    const edited = f.act.editPullBody(full, 1, "- [ ] Induction heads", "alice");
    expect(edited.name).toBe("pull_request");
    expect(edited.payload).toMatchObject({ action: "edited", number: 1, changes: { body: { from: "- [x] Induction heads" } }, pull_request: { body: "- [ ] Induction heads" }, sender: { login: "alice" } });
    expect(edited.payload.installation).toEqual({ id: f.state.installationFor(f.state.repo(full))!.id, node_id: expect.any(String) });

    f.state.pushAsHuman(full, "main", { "CONTRIBUTING.md": "Be kind.\n" }, "bob");
    const merged = f.act.mergePull(full, 1, "alice");
    expect(merged.pullRequest.payload).toMatchObject({ action: "closed", pull_request: { merged: true, merged_by: { login: "alice" }, state: "closed" } });
    expect(merged.push.payload).toMatchObject({ ref: "refs/heads/main", forced: false, pusher: { name: "alice" } });
    expect(f.state.readFile(full, "main", "README.md")).toBe(withPaper("Induction heads"));
    expect(f.state.readFile(full, "main", "CONTRIBUTING.md")).toBe("Be kind.\n");
    expect(f.state.listCommits(full, "main")[0]).toMatchObject({ message: "Merge pull request #1 from octo-lab/headscout/a\n\na", author: { login: "alice" } });
    expect((await octokit.pulls.get({ owner, repo, pull_number: 1 })).data).toMatchObject({ merged: true, state: "closed" });

    await commitAsApp(octokit, { owner, repo, branch: "headscout/b" }, { "NEW.md": "b\n" });
    await octokit.pulls.create({ owner, repo, head: "headscout/b", base: "main", title: "b" });
    expect(f.act.closePull(full, 2, "alice").payload).toMatchObject({ action: "closed", pull_request: { merged: false, merged_at: null } });
  });

  it("closes a PR whose head branch is deleted, requests reviewers only from collaborators, and closes by PATCH", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "lifecycle");
    f.state.setRole(`${owner}/${repo}`, "carol", "maintain");
    for (const b of ["one", "two"]) {
      await commitAsApp(octokit, { owner, repo, branch: `headscout/${b}` }, { [`${b}.md`]: `${b}\n` });
      await octokit.pulls.create({ owner, repo, head: `headscout/${b}`, base: "main", title: b });
    }
    const reviewed = await octokit.pulls.requestReviewers({ owner, repo, pull_number: 1, reviewers: ["carol"] });
    expect(reviewed.data.requested_reviewers?.map((u) => u.login)).toEqual(["carol"]);
    const outsider = await failure(octokit.pulls.requestReviewers({ owner, repo, pull_number: 1, reviewers: ["mallory"] }));
    expect(outsider.data.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Reviews may only be requested from collaborators/) })]);

    await octokit.git.deleteRef({ owner, repo, ref: "heads/headscout/one" });
    expect((await octokit.pulls.get({ owner, repo, pull_number: 1 })).data.state).toBe("closed");
    await octokit.pulls.update({ owner, repo, pull_number: 2, state: "closed" });
    expect((await octokit.pulls.list({ owner, repo, state: "closed" })).data.map((p) => p.number).sort()).toEqual([1, 2]);
    expect(f.events.filter((e) => e.type === "pull_request.closed").map((e) => e.number)).toEqual([2]);
  });

  it("answers mergeable null on the first read after a move when mergeability is lazy, as GitHub does", async () => {
    const lazy = await startFakeGitHub({ mergeability: "lazy" });
    try {
      lazy.state.seedRepo({ owner: "octo-lab", repo: "lazy", files: { "README.md": CATALOG } });
      const octokit = octokitFor(lazy, lazy.installationToken("octo-lab/lazy"));
      await commitAsApp(octokit, { owner: "octo-lab", repo: "lazy", branch: "headscout/l" }, { "README.md": withPaper("Name mover heads") });
      await octokit.pulls.create({ owner: "octo-lab", repo: "lazy", head: "headscout/l", base: "main", title: "l" });
      const read = async () => (await octokit.pulls.get({ owner: "octo-lab", repo: "lazy", pull_number: 1 })).data.mergeable;
      expect([await read(), await read()]).toEqual([null, true]);
      lazy.state.pushAsHuman("octo-lab/lazy", "main", { "X.md": "x\n" }, "alice");
      expect([await read(), await read()]).toEqual([null, true]);
      expect(lazy.responseProblems).toEqual([]);
    } finally {
      await lazy.close();
    }
  });
});
