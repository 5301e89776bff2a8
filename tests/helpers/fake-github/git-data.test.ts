import { describe, expect, it } from "vitest";
import { CATALOG, failure, seedCatalog, takeRejected, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();

describe("fake GitHub: contents and the git data API", () => {
  it("serves a seeded file on a branch as base64 with its blob sha, raw on request, and 404 when absent", async () => {
    const { octokit, owner, repo } = seedCatalog(fake(), "contents");
    const { data } = await octokit.repos.getContent({ owner, repo, path: "README.md", ref: "main" });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { type: string; encoding: string; content: string; sha: string };
    expect(file.type).toBe("file");
    expect(Buffer.from(file.content, "base64").toString("utf8")).toBe(CATALOG);
    const blob = await octokit.git.getBlob({ owner, repo, file_sha: file.sha });
    expect(Buffer.from(blob.data.content, "base64").toString("utf8")).toBe(CATALOG);

    const raw = await octokit.repos.getContent({ owner, repo, path: ".github/headscout.yml", mediaType: { format: "raw" } });
    expect(raw.data).toBe("catalog:\n  path: README.md\n");
    const dir = await octokit.repos.getContent({ owner, repo, path: ".github" });
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([["headscout.yml", "file"]]);
    const root = await octokit.repos.getContent({ owner, repo, path: "" });
    expect((root.data as { path: string }[]).map((e) => e.path)).toEqual([".github", "README.md"]);

    expect((await failure(octokit.repos.getContent({ owner, repo, path: "missing.md" }))).status).toBe(404);
    const noRef = await failure(octokit.repos.getContent({ owner, repo, path: "README.md", ref: "nope" }));
    expect(noRef).toMatchObject({ status: 404, data: { message: "No commit found for the ref nope", status: "404" } });
  });

  it("makes one atomic commit: blob → tree (base_tree, folders, content and sha entries) → commit → ref", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "atomic");
    const base = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const baseCommit = await octokit.git.getCommit({ owner, repo, commit_sha: base.data.object.sha });
    const blob = await octokit.git.createBlob({ owner, repo, content: Buffer.from("state: 1\n").toString("base64"), encoding: "base64" });
    const tree = await octokit.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.data.tree.sha,
      tree: [
        { path: "README.md", mode: "100644", type: "blob", content: `${CATALOG}- 2025-01-02 New heads\n` },
        { path: "ledger/state/ledger.yml", mode: "100644", type: "blob", sha: blob.data.sha },
      ],
    });
    const commit = await octokit.git.createCommit({ owner, repo, message: "headscout: add 1 paper", tree: tree.data.sha, parents: [base.data.object.sha] });
    const ref = await octokit.git.createRef({ owner, repo, ref: "refs/heads/headscout/papers", sha: commit.data.sha });
    expect(ref.status).toBe(201);

    const state = f.state;
    expect(state.readFile(`${owner}/${repo}`, "headscout/papers", "ledger/state/ledger.yml")).toBe("state: 1\n");
    expect(state.readFile(`${owner}/${repo}`, "main", "ledger/state/ledger.yml")).toBeUndefined();
    const [head, initial] = state.listCommits(`${owner}/${repo}`, "headscout/papers");
    expect(head).toMatchObject({ sha: commit.data.sha, message: "headscout: add 1 paper", author: { login: "headscout[bot]" } });
    expect(initial).toMatchObject({ author: { login: "octo-lab" } });

    const listed = await octokit.git.getTree({ owner, repo, tree_sha: tree.data.sha, recursive: "1" });
    expect(listed.data.tree.map((e) => e.path)).toEqual([".github", ".github/headscout.yml", "README.md", "ledger", "ledger/state", "ledger/state/ledger.yml"]);
    expect(f.events.map((e) => [e.type, e.ref, e.actor])).toContainEqual(["ref.created", "refs/heads/headscout/papers", "headscout[bot]"]);

    const deleted = await octokit.git.createTree({ owner, repo, base_tree: tree.data.sha, tree: [{ path: "ledger", mode: "040000", type: "tree", sha: null }] });
    expect((await octokit.git.getTree({ owner, repo, tree_sha: deleted.data.sha })).data.tree.map((e) => e.path)).toEqual([".github", "README.md"]);
  });

  it("moves a ref only by fast-forward unless forced: of two writers from one tip, one wins", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "cas");
    const tip = (await octokit.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha;
    const treeOf = async (text: string) =>
      (await octokit.git.createTree({ owner, repo, base_tree: (await octokit.git.getCommit({ owner, repo, commit_sha: tip })).data.tree.sha, tree: [{ path: "ledger.json", mode: "100644", type: "blob", content: text }] })).data.sha;
    const commitOf = async (text: string) => (await octokit.git.createCommit({ owner, repo, message: text, tree: await treeOf(text), parents: [tip] })).data.sha;
    const [a, b] = await Promise.all([commitOf("writer A"), commitOf("writer B")]);

    const results = await Promise.allSettled([a, b].map((sha) => octokit.git.updateRef({ owner, repo, ref: "heads/main", sha, force: false })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ status: 422, response: { data: { message: "Update is not a fast forward", status: "422" } } });
    const winner = (await octokit.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha;
    expect([a, b]).toContain(winner);

    const other = winner === a ? b : a;
    expect((await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: other, force: true })).data.object.sha).toBe(other);
    expect(f.events.filter((e) => e.type === "ref.updated").map((e) => e.forced)).toEqual([false, true]);
  });

  it("refuses an existing ref, a missing one, and objects that do not exist", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "refs");
    const tip = (await octokit.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha;
    expect(await failure(octokit.git.createRef({ owner, repo, ref: "refs/heads/main", sha: tip }))).toMatchObject({
      status: 422,
      data: { message: "Reference already exists", documentation_url: "https://docs.github.com/rest/git/refs#create-a-reference" },
    });
    expect((await failure(octokit.git.updateRef({ owner, repo, ref: "heads/nope", sha: tip }))).data.message).toBe("Reference does not exist");
    expect((await failure(octokit.git.getRef({ owner, repo, ref: "heads/nope" }))).status).toBe(404);
    expect((await octokit.git.listMatchingRefs({ owner, repo, ref: "heads/ma" })).data.map((r) => r.ref)).toEqual(["refs/heads/main"]);

    await octokit.git.createRef({ owner, repo, ref: "refs/heads/doomed", sha: tip });
    expect((await octokit.git.deleteRef({ owner, repo, ref: "heads/doomed" })).status).toBe(204);
    expect((await failure(octokit.git.getRef({ owner, repo, ref: "heads/doomed" }))).status).toBe(404);

    // The app never sends these: each is recorded as rejected, which this test then clears.
    expect((await failure(octokit.git.createRef({ owner, repo, ref: "refs/heads/x", sha: "f".repeat(40) }))).data.message).toBe("Object does not exist");
    const badPath = await failure(octokit.git.createTree({ owner, repo, tree: [{ path: "/README.md", mode: "100644", type: "blob", content: "x" }] }));
    expect(badPath.data.message).toBe("tree.path contains a malformed path component");
    expect(takeRejected(f)).toEqual(["invalid", "invalid"]);
  });

  it("compares branches and reads branches and commits as the REST API prints them", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "compare");
    f.state.pushAsHuman(`${owner}/${repo}`, "feature", { "README.md": `${CATALOG}- 2025-02-02 Added by hand\n` }, "alice", "Add a paper");
    f.state.pushAsHuman(`${owner}/${repo}`, "main", { "NOTES.md": "notes\n" }, "bob");
    const cmp = await octokit.repos.compareCommitsWithBasehead({ owner, repo, basehead: "main...feature" });
    expect(cmp.data).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1, total_commits: 1 });
    expect(cmp.data.files?.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([["README.md", "modified", 1, 0]]);
    expect(cmp.data.files?.[0]?.patch).toContain("+- 2025-02-02 Added by hand");

    expect((await octokit.repos.listBranches({ owner, repo })).data.map((b) => b.name)).toEqual(["feature", "main"]);
    const branch = await octokit.repos.getBranch({ owner, repo, branch: "feature" });
    expect(branch.data.commit.author?.login).toBe("alice");
    const commits = await octokit.repos.listCommits({ owner, repo, sha: "feature", path: "README.md" });
    expect(commits.data.map((c) => c.commit.message)).toEqual(["Add a paper", "Initial commit"]);
    expect((await octokit.repos.get({ owner, repo })).data.default_branch).toBe("main");
  });
});
