import type { Context } from "../context.ts";
import { GitHubError, notFound } from "../errors.ts";
import type { Leaf, Signature } from "../git/objects.ts";
import type { Repo } from "../model.ts";
import { route, type Route } from "../router.ts";
import { blobJson, gitCommitJson, gitRefJson, treeJson } from "../shapes/git.ts";

// Refusals of input the app should never send (a bad path, an object that does not exist);
// the compare-and-swap answers ("already exists", "not a fast forward") are not among them.
const invalid = (message: string) => new GitHubError(422, message, { reject: "invalid" });

function refName(ctx: Context): string {
  return `refs/${ctx.params.ref!.replace(/^refs\//, "")}`;
}

/** The ref in the path, which must exist (GitHub answers 422, not 404, when it does not). */
function existingRef(ctx: Context): { repo: Repo; name: string; before: string } {
  const repo = ctx.repoWith("contents", "write");
  const name = refName(ctx);
  const before = repo.refs.get(name);
  if (!before) throw new GitHubError(422, "Reference does not exist");
  return { repo, name, before };
}

function existingCommit(repo: Repo, sha: unknown): string {
  if (typeof sha !== "string" || !repo.git.commit(sha)) throw invalid("Object does not exist");
  return sha.toLowerCase();
}

const refRoutes: Route[] = [
  route("GET /repos/{owner}/{repo}/git/ref/{ref}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const name = refName(ctx);
    const sha = repo.refs.get(name);
    if (!sha) throw notFound();
    return { status: 200, json: gitRefJson(ctx.env, repo, name, sha) };
  }),
  route("GET /repos/{owner}/{repo}/git/matching-refs/{ref}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const prefix = refName(ctx);
    const refs = [...repo.refs].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return { status: 200, json: refs.map(([name, sha]) => gitRefJson(ctx.env, repo, name, sha)) };
  }),
  route("POST /repos/{owner}/{repo}/git/refs", (ctx) => {
    const repo = ctx.repoWith("contents", "write");
    const name = ctx.str("ref")!;
    if (!/^refs\/[^/]+\/.+/.test(name) || /\/\/|\.\.|\/$|\.lock$/.test(name)) throw invalid("Reference name is invalid");
    const sha = existingCommit(repo, ctx.body.sha);
    if (repo.refs.has(name)) throw new GitHubError(422, "Reference already exists");
    ctx.state.setRef(repo, name, sha, ctx.user());
    ctx.event(repo, { type: "ref.created", ref: name, sha });
    return { status: 201, json: gitRefJson(ctx.env, repo, name, sha) };
  }),
  route("PATCH /repos/{owner}/{repo}/git/refs/{ref}", (ctx) => {
    const { repo, name, before } = existingRef(ctx);
    const sha = existingCommit(repo, ctx.body.sha);
    const forced = ctx.body.force === true;
    // The compare-and-swap the ledger relies on: without force, only a descendant may replace the tip.
    if (!forced && !repo.git.isAncestor(before, sha)) throw new GitHubError(422, "Update is not a fast forward");
    ctx.state.setRef(repo, name, sha, ctx.user());
    ctx.event(repo, { type: "ref.updated", ref: name, sha, before, forced: forced && !repo.git.isAncestor(before, sha) });
    return { status: 200, json: gitRefJson(ctx.env, repo, name, sha) };
  }),
  route("DELETE /repos/{owner}/{repo}/git/refs/{ref}", (ctx) => {
    const { repo, name, before } = existingRef(ctx);
    ctx.state.setRef(repo, name, undefined, ctx.user());
    ctx.event(repo, { type: "ref.deleted", ref: name, before });
    return { status: 204 };
  }),
];

const blobRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/git/blobs", (ctx) => {
    const repo = ctx.repoWith("contents", "write");
    const encoding = ctx.str("encoding") ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "base64") throw invalid(`encoding must be utf-8 or base64`);
    const sha = repo.git.putBlob(Buffer.from(ctx.str("content")!, encoding === "base64" ? "base64" : "utf8"));
    return { status: 201, json: { url: `${ctx.env.api}/repos/${repo.fullName}/git/blobs/${sha}`, sha } };
  }),
  route("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    if (!repo.git.blob(ctx.params.file_sha!)) throw notFound();
    return { status: 200, json: blobJson(ctx.env, repo, ctx.params.file_sha!.toLowerCase()) };
  }),
];

interface TreeInput {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

/** Sets one path of a flattened tree, dropping whatever a file there would shadow (a folder, or a file as a parent). */
function place(files: Map<string, Leaf>, path: string, what: Map<string, Leaf> | Leaf | undefined): void {
  for (const p of [...files.keys()]) if (p === path || p.startsWith(`${path}/`) || path.startsWith(`${p}/`)) files.delete(p);
  if (what instanceof Map) for (const [sub, leaf] of what) files.set(`${path}/${sub}`, leaf);
  else if (what) files.set(path, what);
}

function buildTree(repo: Repo, base: string | undefined, entries: TreeInput[]): string {
  const git = repo.git;
  const files: Map<string, Leaf> = base ? git.flatten(base) : new Map();
  for (const e of entries) {
    if (e.path.split("/").some((part) => part === "" || part === "." || part === ".." || part === ".git")) {
      throw invalid("tree.path contains a malformed path component");
    }
    if (e.content !== undefined) {
      if (e.sha !== undefined && e.sha !== null) throw invalid("Must supply either tree.sha or tree.content, not both");
      if (e.type !== "blob") throw invalid("tree.content may only be given for a blob");
      place(files, e.path, { mode: e.mode, type: "blob", sha: git.putBlob(Buffer.from(e.content, "utf8")) });
    } else if (e.sha === null) {
      place(files, e.path, undefined);
    } else if (typeof e.sha === "string") {
      const sha = e.sha.toLowerCase();
      if (e.type === "tree") {
        if (!git.tree(sha)) throw invalid(`tree.sha ${e.sha} is not a valid tree`);
        place(files, e.path, git.flatten(sha));
      } else {
        if (e.type === "blob" && !git.blob(sha)) throw invalid(`tree.sha ${e.sha} is not a valid blob`);
        place(files, e.path, { mode: e.mode, type: e.type, sha });
      }
    } else {
      throw invalid("Must supply either tree.sha or tree.content");
    }
  }
  return git.writeTree(files);
}

const treeRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/git/trees", (ctx) => {
    const repo = ctx.repoWith("contents", "write");
    const base = ctx.str("base_tree");
    if (base !== undefined && !repo.git.tree(base)) throw invalid("base_tree is not a valid tree oid");
    const sha = buildTree(repo, base?.toLowerCase(), ctx.body.tree as TreeInput[]);
    return { status: 201, json: treeJson(ctx.env, repo, sha, false) };
  }),
  route("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    const given = ctx.params.tree_sha!;
    const commit = repo.git.tree(given) ? undefined : ctx.state.resolveCommit(repo, given);
    const sha = commit ? repo.git.commit(commit)!.tree : given.toLowerCase();
    if (!repo.git.tree(sha)) throw notFound();
    const recursive = ctx.query.has("recursive") && !["0", "false"].includes(ctx.query.get("recursive")!);
    return { status: 200, json: treeJson(ctx.env, repo, sha, recursive) };
  }),
];

function signatureFrom(ctx: Context, given: unknown, fallback: Signature): Signature {
  if (!given || typeof given !== "object") return fallback;
  const g = given as Partial<Signature>;
  return { name: g.name ?? fallback.name, email: g.email ?? fallback.email, date: g.date ? new Date(g.date).toISOString().replace(/\.\d{3}Z$/, "Z") : ctx.state.now() };
}

const commitRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/git/commits", (ctx) => {
    const repo = ctx.repoWith("contents", "write");
    const tree = ctx.str("tree")!.toLowerCase();
    if (!repo.git.tree(tree)) throw invalid("Tree SHA does not exist");
    const parents = ((ctx.body.parents as string[] | undefined) ?? []).map((p) => p.toLowerCase());
    if (parents.some((p) => !repo.git.commit(p))) throw invalid("Parent SHA does not exist or is not a commit object");
    const author = signatureFrom(ctx, ctx.body.author, ctx.state.signature(ctx.user()));
    const committer = signatureFrom(ctx, ctx.body.committer, author);
    const sha = repo.git.putCommit({ tree, parents, author, committer, message: ctx.str("message")! });
    return { status: 201, json: gitCommitJson(ctx.env, repo, sha) };
  }),
  route("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", (ctx) => {
    const repo = ctx.repoWith("contents", "read");
    if (!repo.git.commit(ctx.params.commit_sha!)) throw notFound();
    return { status: 200, json: gitCommitJson(ctx.env, repo, ctx.params.commit_sha!.toLowerCase()) };
  }),
];

/** The git data API: refs (with the fast-forward rule), blobs, trees and commits. */
export const gitDataRoutes: Route[] = [...refRoutes, ...blobRoutes, ...treeRoutes, ...commitRoutes];
