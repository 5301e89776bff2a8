import { countChanges, diffLines, splitLines, unifiedPatch } from "../git/line-diff.ts";
import type { Leaf, Signature, TreeEntry } from "../git/objects.ts";
import type { Repo } from "../model.ts";
import { userJson } from "./accounts.ts";
import { nodeId, type ShapeEnv } from "./env.ts";

const repoApi = (env: ShapeEnv, repo: Repo) => `${env.api}/repos/${repo.fullName}`;
const repoHtml = (env: ShapeEnv, repo: Repo) => `${env.html}/${repo.fullName}`;
const shaNode = (kind: string, sha: string) => nodeId(kind, sha.slice(0, 20));

/** GitHub wraps base64 content at 60 characters, with a final newline. */
export function base64Lines(content: Buffer): string {
  return (content.toString("base64").match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join("");
}

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

export function gitRefJson(env: ShapeEnv, repo: Repo, name: string, sha: string): Record<string, unknown> {
  return {
    ref: name,
    node_id: nodeId("Ref", `${repo.id}:${name}`),
    url: `${repoApi(env, repo)}/git/${name}`,
    object: { type: "commit", sha, url: `${repoApi(env, repo)}/git/commits/${sha}` },
  };
}

function parentsJson(env: ShapeEnv, repo: Repo, parents: string[]) {
  return parents.map((sha) => ({ sha, url: `${repoApi(env, repo)}/commits/${sha}`, html_url: `${repoHtml(env, repo)}/commit/${sha}` }));
}

const signatureJson = (s: Signature) => ({ name: s.name, email: s.email, date: s.date });

/** A commit as the git data API prints it. */
export function gitCommitJson(env: ShapeEnv, repo: Repo, sha: string): Record<string, unknown> {
  const c = repo.git.commit(sha)!;
  return {
    sha,
    node_id: shaNode("Commit", sha),
    url: `${repoApi(env, repo)}/git/commits/${sha}`,
    html_url: `${repoHtml(env, repo)}/commit/${sha}`,
    author: signatureJson(c.author),
    committer: signatureJson(c.committer),
    tree: { sha: c.tree, url: `${repoApi(env, repo)}/git/trees/${c.tree}` },
    message: c.message,
    parents: parentsJson(env, repo, c.parents),
    verification: UNSIGNED,
  };
}

/** A commit as the commits, pulls and branches APIs print it: with the accounts its emails map to. */
export function restCommitJson(env: ShapeEnv, repo: Repo, sha: string, withFiles = false): Record<string, unknown> {
  const c = repo.git.commit(sha)!;
  const account = (email: string) => {
    const u = env.state.userByEmail(email);
    return u ? userJson(env, u) : null;
  };
  const json: Record<string, unknown> = {
    url: `${repoApi(env, repo)}/commits/${sha}`,
    sha,
    node_id: shaNode("Commit", sha),
    html_url: `${repoHtml(env, repo)}/commit/${sha}`,
    comments_url: `${repoApi(env, repo)}/commits/${sha}/comments`,
    commit: {
      url: `${repoApi(env, repo)}/git/commits/${sha}`,
      author: signatureJson(c.author),
      committer: signatureJson(c.committer),
      message: c.message,
      tree: { sha: c.tree, url: `${repoApi(env, repo)}/git/trees/${c.tree}` },
      comment_count: 0,
      verification: UNSIGNED,
    },
    author: account(c.author.email),
    committer: account(c.committer.email),
    parents: parentsJson(env, repo, c.parents),
  };
  if (withFiles) {
    const parentTree = c.parents[0] ? repo.git.commit(c.parents[0])!.tree : undefined;
    const files = diffEntries(env, repo, parentTree, c.tree, sha);
    const { additions, deletions } = fileTotals(files);
    Object.assign(json, { stats: { total: additions + deletions, additions, deletions }, files });
  }
  return json;
}

export function blobJson(env: ShapeEnv, repo: Repo, sha: string): Record<string, unknown> {
  const content = repo.git.blob(sha)!;
  return {
    sha,
    node_id: shaNode("Blob", sha),
    size: content.length,
    url: `${repoApi(env, repo)}/git/blobs/${sha}`,
    content: base64Lines(content),
    encoding: "base64",
  };
}

export function treeJson(env: ShapeEnv, repo: Repo, sha: string, recursive: boolean): Record<string, unknown> {
  const out: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const e of repo.git.tree(treeSha) ?? []) {
      out.push(treeEntryJson(env, repo, `${prefix}${e.name}`, e));
      if (recursive && e.type === "tree") walk(e.sha, `${prefix}${e.name}/`);
    }
  };
  walk(sha, "");
  return { sha, url: `${repoApi(env, repo)}/git/trees/${sha}`, tree: out, truncated: false };
}

function treeEntryJson(env: ShapeEnv, repo: Repo, path: string, e: TreeEntry): Record<string, unknown> {
  const kind = e.type === "tree" ? "trees" : "blobs";
  return {
    path,
    mode: e.mode,
    type: e.type,
    sha: e.sha,
    ...(e.type === "blob" ? { size: repo.git.blob(e.sha)!.length } : {}),
    url: `${repoApi(env, repo)}/git/${kind}/${e.sha}`,
  };
}

function contentLinks(env: ShapeEnv, repo: Repo, ref: string, path: string, e: Pick<TreeEntry, "type" | "sha">) {
  const url = `${repoApi(env, repo)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git_url = `${repoApi(env, repo)}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`;
  const html_url = `${repoHtml(env, repo)}/${e.type === "tree" ? "tree" : "blob"}/${ref}/${path}`;
  return { url, git_url, html_url, _links: { self: url, git: git_url, html: html_url } };
}

/** One item of a contents listing, or (with `withContent`) the file response itself. */
export function contentJson(env: ShapeEnv, repo: Repo, ref: string, path: string, e: Pick<TreeEntry, "type" | "sha">, withContent: boolean): Record<string, unknown> {
  const content = e.type === "blob" ? repo.git.blob(e.sha)! : undefined;
  const links = contentLinks(env, repo, ref, path, e);
  return {
    type: e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : "file",
    ...(withContent && content ? { encoding: "base64" } : {}),
    size: content?.length ?? 0,
    name: path.split("/").pop(),
    path,
    ...(withContent && content ? { content: base64Lines(content) } : {}),
    sha: e.sha,
    url: links.url,
    git_url: links.git_url,
    html_url: links.html_url,
    download_url: content ? `${repoHtml(env, repo)}/raw/${ref}/${path}` : null,
    _links: links._links,
  };
}

export function branchJson(env: ShapeEnv, repo: Repo, name: string, sha: string): Record<string, unknown> {
  return {
    name,
    commit: restCommitJson(env, repo, sha),
    _links: { self: `${repoApi(env, repo)}/branches/${name}`, html: `${repoHtml(env, repo)}/tree/${name}` },
    protected: repo.requireUpToDate,
    protection: {
      enabled: repo.requireUpToDate,
      required_status_checks: { enforcement_level: repo.requireUpToDate ? "non_admins" : "off", contexts: [], checks: [] },
    },
    protection_url: `${repoApi(env, repo)}/branches/${name}/protection`,
  };
}

export function fileTotals(files: Record<string, unknown>[]): { additions: number; deletions: number } {
  return {
    additions: files.reduce((n, f) => n + (f.additions as number), 0),
    deletions: files.reduce((n, f) => n + (f.deletions as number), 0),
  };
}

/** The changed files between two trees, as pull request files, commits and compare list them. */
export function diffEntries(env: ShapeEnv, repo: Repo, fromTree: string | undefined, toTree: string, ref: string): Record<string, unknown>[] {
  const from: Map<string, Leaf> = fromTree ? repo.git.flatten(fromTree) : new Map();
  const to = repo.git.flatten(toTree);
  const paths = [...new Set([...from.keys(), ...to.keys()])].filter((p) => from.get(p)?.sha !== to.get(p)?.sha).sort();
  return paths.map((filename) => {
    const [a, b] = [from.get(filename), to.get(filename)];
    const [textA, textB] = [a, b].map((leaf) => (leaf ? repo.git.blob(leaf.sha)?.toString("utf8") ?? "" : ""));
    const linesA = splitLines(textA!);
    const hunks = diffLines(linesA, splitLines(textB!));
    const { additions, deletions } = countChanges(hunks);
    const shownRef = b ? ref : "HEAD";
    return {
      sha: (b ?? a)!.sha,
      filename,
      status: !a ? "added" : !b ? "removed" : "modified",
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${repoHtml(env, repo)}/blob/${shownRef}/${filename}`,
      raw_url: `${repoHtml(env, repo)}/raw/${shownRef}/${filename}`,
      contents_url: `${repoApi(env, repo)}/contents/${filename}?ref=${shownRef}`,
      patch: unifiedPatch(linesA, hunks),
    };
  });
}

export function compareJson(env: ShapeEnv, repo: Repo, basehead: string, base: string, head: string): Record<string, unknown> {
  const git = repo.git;
  const mergeBase = git.mergeBase(base, head) ?? base;
  const ahead = git.commitsBetween(base, head);
  const behind = git.commitsBetween(head, base);
  const status = base === head ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  const html = `${repoHtml(env, repo)}/compare/${basehead}`;
  return {
    url: `${repoApi(env, repo)}/compare/${basehead}`,
    html_url: html,
    permalink_url: `${repoHtml(env, repo)}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: restCommitJson(env, repo, base),
    merge_base_commit: restCommitJson(env, repo, mergeBase),
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    commits: ahead.map((sha) => restCommitJson(env, repo, sha)),
    files: diffEntries(env, repo, git.commit(mergeBase)!.tree, git.commit(head)!.tree, head),
  };
}
