import type { Context } from "../context.ts";
import { GitHubError, notFound } from "../errors.ts";
import type { Repo } from "../model.ts";
import { route, type Route } from "../router.ts";
import { permissionJson, repoJson } from "../shapes/accounts.ts";
import { branchJson, compareJson, contentJson, gitCommitJson, restCommitJson } from "../shapes/git.ts";

/** The commit a `ref`/`sha` query names, the default branch when absent; 404 in GitHub's words otherwise. */
function commitOf(ctx: Context, repo: Repo, ref: string | null): string {
  const sha = ctx.state.resolveCommit(repo, ref ?? repo.defaultBranch);
  if (!sha) throw new GitHubError(404, `No commit found for the ref ${ref}`);
  return sha;
}

function wantsRaw(ctx: Context): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(String(ctx.headers.accept ?? ""));
}

const contentRoutes: Route[] = [
  route("GET /repos/{owner}/{repo}/contents/{path}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const ref = ctx.query.get("ref");
    const commit = commitOf(ctx, repo, ref);
    const path = ctx.params.path!.replace(/^\/+|\/+$/g, "");
    const entry = repo.git.lookup(repo.git.commit(commit)!.tree, path);
    if (!entry) throw notFound();
    const shownRef = ref ?? repo.defaultBranch;
    if (entry.type === "tree") {
      const items = repo.git.tree(entry.sha)!.map((e) => contentJson(ctx.env, repo, shownRef, path ? `${path}/${e.name}` : e.name, e, false));
      return { status: 200, json: items };
    }
    if (wantsRaw(ctx)) return { status: 200, text: repo.git.blob(entry.sha)!.toString("utf8") };
    return { status: 200, json: contentJson(ctx.env, repo, shownRef, path, entry, true) };
  }),
  route("PUT /repos/{owner}/{repo}/contents/{path}", (ctx) => {
    const repo = ctx.repoWith("contents", "write");
    const branch = ctx.str("branch") ?? repo.defaultBranch;
    const parent = repo.refs.get(`refs/heads/${branch}`);
    if (!parent) throw new GitHubError(404, `Branch ${branch} not found`);
    const path = ctx.params.path!;
    const existing = repo.git.lookup(repo.git.commit(parent)!.tree, path);
    const given = ctx.str("sha");
    if (existing && !given) throw new GitHubError(422, `Invalid request.\n\n"sha" wasn't supplied.`, { reject: "invalid" });
    if (existing && given !== existing.sha) throw new GitHubError(409, `${path} does not match ${given}`);
    const author = ctx.state.signature(ctx.user());
    const sha = ctx.state.commitFiles(repo, { parent, files: { [path]: Buffer.from(ctx.str("content")!, "base64") }, message: ctx.str("message")!, author });
    ctx.state.setRef(repo, `refs/heads/${branch}`, sha, ctx.user());
    ctx.event(repo, { type: "ref.updated", ref: `refs/heads/${branch}`, sha, before: parent, forced: false });
    const entry = repo.git.lookup(repo.git.commit(sha)!.tree, path)!;
    return { status: existing ? 200 : 201, json: { content: contentJson(ctx.env, repo, branch, path, entry, false), commit: gitCommitJson(ctx.env, repo, sha) } };
  }),
];

const branchRoutes: Route[] = [
  route("GET /repos/{owner}/{repo}/branches/{branch}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const sha = repo.refs.get(`refs/heads/${ctx.params.branch}`);
    if (!sha) throw new GitHubError(404, "Branch not found");
    return { status: 200, json: branchJson(ctx.env, repo, ctx.params.branch!, sha) };
  }),
  route("GET /repos/{owner}/{repo}/branches", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const branches = [...repo.refs].filter(([name]) => name.startsWith("refs/heads/")).sort(([a], [b]) => (a < b ? -1 : 1));
    return ctx.list(branches, ([name, sha]) => ({
      name: name.slice("refs/heads/".length),
      commit: { sha, url: `${ctx.env.api}/repos/${repo.fullName}/commits/${sha}` },
      protected: repo.requireUpToDate,
    }));
  }),
];

const commitRoutes: Route[] = [
  route("GET /repos/{owner}/{repo}/commits", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const head = commitOf(ctx, repo, ctx.query.get("sha"));
    const path = ctx.query.get("path");
    const git = repo.git;
    // With `path`, only the commits that changed it (against their first parent), as `git log -- path`.
    const touches = (sha: string) => {
      const c = git.commit(sha)!;
      const before = c.parents[0] ? git.lookup(git.commit(c.parents[0])!.tree, path!)?.sha : undefined;
      return git.lookup(c.tree, path!)?.sha !== before;
    };
    const shas = git.history(head).filter((sha) => !path || touches(sha));
    return ctx.list(shas, (sha) => restCommitJson(ctx.env, repo, sha));
  }),
  route("GET /repos/{owner}/{repo}/commits/{ref}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const sha = ctx.state.resolveCommit(repo, ctx.params.ref!);
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${ctx.params.ref}`);
    return { status: 200, json: restCommitJson(ctx.env, repo, sha, true) };
  }),
  route("GET /repos/{owner}/{repo}/compare/{basehead}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const basehead = ctx.params.basehead!;
    const m = /^(.+?)\.{2,3}(.+)$/.exec(basehead);
    const side = (s: string) => ctx.state.resolveCommit(repo, s.includes(":") ? s.slice(s.indexOf(":") + 1) : s);
    const [base, head] = m ? [side(m[1]!), side(m[2]!)] : [];
    if (!base || !head) throw notFound();
    return { status: 200, json: compareJson(ctx.env, repo, basehead, base, head) };
  }),
];

const repositoryRoute: Route[] = [
  route("GET /repos/{owner}/{repo}", (ctx) => {
    const repo = ctx.repoWith("metadata", "read");
    return { status: 200, json: repoJson(ctx.env, repo) };
  }),
  route("GET /repos/{owner}/{repo}/collaborators/{username}/permission", (ctx) => {
    const repo = ctx.repoWith("metadata", "read");
    const user = ctx.state.user(ctx.params.username!);
    return { status: 200, json: permissionJson(ctx.env, ctx.state.role(repo, user), user) };
  }),
];

/** Repository reads: the repository, contents (and PUT of one file), branches, commits, compare, permissions. */
export const repositoryRoutes: Route[] = [...repositoryRoute, ...contentRoutes, ...branchRoutes, ...commitRoutes];
