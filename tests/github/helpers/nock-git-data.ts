import { createHash } from "node:crypto";
import nock from "nock";
import { githubTemplate, requestValidator, responseValidator } from "../../helpers/fake-github/openapi.ts";

/**
 * GitHub's git data API for one repository, faked with nock and kept in memory: refs, commits,
 * trees (flat) and blobs, answered in GitHub's own shapes and status codes — 404 for a missing
 * ref, 422 "Update is not a fast forward" / "Reference already exists" when a ref is not where the
 * writer thought. Every request body and every response is checked against GitHub's OpenAPI
 * description (`problems` lists what it refuses; a test expects none).
 */
export interface FakeGitData {
  /** Each request in order: "POST /repos/o/r/git/blobs", with its JSON body. */
  requests: { call: string; body: unknown }[];
  /** Requests or answers GitHub's OpenAPI description refuses. */
  problems: string[];
  head(branch: string): string | undefined;
  /** A file at the head of a branch, as text. */
  file(branch: string, path: string): string | undefined;
  /** A branch's commits, newest first, following first parents. */
  history(branch: string): { sha: string; message: string; parents: string[] }[];
  /** A commit someone else pushes (a maintainer's edit, another tool): files replace those at the head. */
  push(branch: string, files: Record<string, string>, message: string): string;
  /** Runs before a ref is created or moved, so a test can play another writer at the worst moment. */
  beforeRefWrite?: () => void | Promise<void>;
  /** Answers the next matching request (method and a part of the path) with this status instead. */
  failNext(method: string, pathPart: string, status: number, message: string): void;
}

const API = "https://api.github.com";
const DATE = "2026-06-03T06:00:00Z";
const BOT = { name: "headscout[bot]", email: "123+headscout[bot]@users.noreply.github.com", date: DATE };

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}
type Tree = Map<string, { sha: string; mode: string; type: "blob" }>;

export function fakeGitData(owner: string, repo: string): FakeGitData {
  const base = `/repos/${owner}/${repo}`;
  const blobs = new Map<string, Buffer>();
  const trees = new Map<string, Tree>();
  const commits = new Map<string, Commit>();
  const refs = new Map<string, string>();
  const failures: { method: string; pathPart: string; status: number; message: string }[] = [];

  const hash = (kind: string, body: string | Buffer) => createHash("sha1").update(`${kind}\0`).update(body).digest("hex");
  const putBlob = (content: Buffer) => {
    const sha = hash("blob", content);
    blobs.set(sha, content);
    return sha;
  };
  const putTree = (tree: Tree) => {
    const sha = hash("tree", JSON.stringify([...tree].sort()));
    trees.set(sha, tree);
    return sha;
  };
  const putCommit = (commit: Commit) => {
    const sha = hash("commit", `${JSON.stringify(commit)}${commits.size}`);
    commits.set(sha, commit);
    return sha;
  };
  const isAncestor = (ancestor: string, of: string): boolean =>
    ancestor === of || (commits.get(of)?.parents ?? []).some((parent) => isAncestor(ancestor, parent));

  const url = (kind: string, sha: string) => `${API}${base}/git/${kind}/${sha}`;
  const gitRef = (name: string) => ({
    ref: `refs/${name}`,
    node_id: `REF_${hash("node", name).slice(0, 12)}`,
    url: `${API}${base}/git/refs/${name}`,
    object: { type: "commit", sha: refs.get(name)!, url: url("commits", refs.get(name)!) },
  });
  const gitCommit = (sha: string) => {
    const c = commits.get(sha)!;
    return {
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: url("commits", sha),
      html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
      author: BOT,
      committer: BOT,
      tree: { sha: c.tree, url: url("trees", c.tree) },
      message: c.message,
      parents: c.parents.map((p) => ({ sha: p, url: url("commits", p), html_url: `https://github.com/${owner}/${repo}/commit/${p}` })),
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    };
  };
  const gitTree = (sha: string) => ({
    sha,
    url: url("trees", sha),
    tree: [...trees.get(sha)!].map(([path, e]) => ({ path, mode: e.mode, type: e.type, sha: e.sha, size: blobs.get(e.sha)!.length, url: url("blobs", e.sha) })),
    truncated: false,
  });
  const error = (status: number, message: string, docs: string) => [status, { message, documentation_url: `https://docs.github.com/rest/git/${docs}`, status: String(status) }] as const;

  type Reply = readonly [number, unknown];
  const handlers: { method: string; path: RegExp; handle: (m: RegExpExecArray, body: any) => Reply | Promise<Reply> }[] = [
    {
      method: "GET",
      path: /^\/git\/ref\/(.+)$/,
      handle: (m) => (refs.has(decodeURIComponent(m[1]!)) ? [200, gitRef(decodeURIComponent(m[1]!))] : error(404, "Not Found", "refs#get-a-reference")),
    },
    { method: "GET", path: /^\/git\/commits\/(\w+)$/, handle: (m) => (commits.has(m[1]!) ? [200, gitCommit(m[1]!)] : error(404, "Not Found", "commits#get-a-commit-object")) },
    { method: "GET", path: /^\/git\/trees\/(\w+)$/, handle: (m) => (trees.has(m[1]!) ? [200, gitTree(m[1]!)] : error(404, "Not Found", "trees#get-a-tree")) },
    {
      method: "GET",
      path: /^\/git\/blobs\/(\w+)$/,
      handle: (m) => {
        const content = blobs.get(m[1]!);
        if (!content) return error(404, "Not Found", "blobs#get-a-blob");
        // GitHub wraps base64 at 60 characters.
        const wrapped = `${content.toString("base64").replace(/.{60}/g, "$&\n")}\n`;
        return [200, { sha: m[1], node_id: `B_${m[1]!.slice(0, 12)}`, size: content.length, url: url("blobs", m[1]!), content: wrapped, encoding: "base64" }];
      },
    },
    {
      method: "POST",
      path: /^\/git\/blobs$/,
      handle: (_m, body) => {
        const sha = putBlob(Buffer.from(body.content, body.encoding === "base64" ? "base64" : "utf8"));
        return [201, { url: url("blobs", sha), sha }];
      },
    },
    {
      method: "POST",
      path: /^\/git\/trees$/,
      handle: (_m, body) => {
        if (body.base_tree && !trees.has(body.base_tree)) return error(422, "Invalid tree info", "trees#create-a-tree");
        const tree: Tree = new Map(body.base_tree ? trees.get(body.base_tree) : []);
        for (const entry of body.tree) {
          const sha = entry.content !== undefined ? putBlob(Buffer.from(entry.content, "utf8")) : entry.sha;
          if (sha === null) tree.delete(entry.path);
          else tree.set(entry.path, { sha, mode: entry.mode, type: entry.type });
        }
        return [201, gitTree(putTree(tree))];
      },
    },
    {
      method: "POST",
      path: /^\/git\/commits$/,
      handle: (_m, body) => {
        if (!trees.has(body.tree) || (body.parents ?? []).some((p: string) => !commits.has(p))) return error(422, "Tree SHA does not exist", "commits#create-a-commit");
        return [201, gitCommit(putCommit({ tree: body.tree, parents: body.parents ?? [], message: body.message }))];
      },
    },
    {
      method: "POST",
      path: /^\/git\/refs$/,
      handle: async (_m, body) => {
        await fake.beforeRefWrite?.();
        const name = body.ref.replace(/^refs\//, "");
        if (refs.has(name)) return error(422, "Reference already exists", "refs#create-a-reference");
        refs.set(name, body.sha);
        return [201, gitRef(name)];
      },
    },
    {
      method: "PATCH",
      path: /^\/git\/refs\/(.+)$/,
      handle: async (m, body) => {
        await fake.beforeRefWrite?.();
        const name = decodeURIComponent(m[1]!);
        const current = refs.get(name);
        if (!current) return error(422, "Reference does not exist", "refs#update-a-reference");
        if (!body.force && !isAncestor(current, body.sha)) return error(422, "Update is not a fast forward", "refs#update-a-reference");
        refs.set(name, body.sha);
        return [200, gitRef(name)];
      },
    },
  ];

  const fake: FakeGitData = {
    requests: [],
    problems: [],
    head: (branch) => refs.get(`heads/${branch}`),
    file(branch, path) {
      const head = refs.get(`heads/${branch}`);
      const entry = head ? trees.get(commits.get(head)!.tree)!.get(path) : undefined;
      return entry ? blobs.get(entry.sha)!.toString("utf8") : undefined;
    },
    history(branch) {
      const out: { sha: string; message: string; parents: string[] }[] = [];
      for (let sha = refs.get(`heads/${branch}`); sha; sha = commits.get(sha)!.parents[0]) out.push({ sha, ...commits.get(sha)! });
      return out.map(({ sha, message, parents }) => ({ sha, message, parents }));
    },
    push(branch, files, message) {
      const head = refs.get(`heads/${branch}`);
      const tree: Tree = new Map(head ? trees.get(commits.get(head)!.tree) : []);
      for (const [path, text] of Object.entries(files)) tree.set(path, { sha: putBlob(Buffer.from(text, "utf8")), mode: "100644", type: "blob" });
      const sha = putCommit({ tree: putTree(tree), parents: head ? [head] : [], message });
      refs.set(`heads/${branch}`, sha);
      return sha;
    },
    failNext(method, pathPart, status, message) {
      failures.push({ method, pathPart, status, message });
    },
  };

  const scope = nock(API).persist();
  for (const method of ["GET", "POST", "PATCH"] as const) {
    // nock 15 hands a reply function the fetch Request.
    scope.intercept((path) => path.startsWith(`${base}/git/`), method).reply(((request: Request) => answer(request)) as never);
  }
  return fake;

  async function answer(request: Request): Promise<nock.ReplyFnResult> {
      const { method } = request;
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const body = text ? JSON.parse(text) : undefined;
      fake.requests.push({ call: `${method} ${path}`, body });
      const failure = failures.findIndex((f) => f.method === method && path.includes(f.pathPart));
      let reply: Reply;
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        reply = [f!.status, { message: f!.message, documentation_url: "https://docs.github.com/rest", status: String(f!.status) }];
      } else {
        const handler = handlers.find((h) => h.method === method && h.path.test(path.slice(base.length)));
        reply = handler ? await handler.handle(handler.path.exec(path.slice(base.length))!, body) : [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
      }
      await checkAgainstOpenApi(fake.problems, method, path, body, reply);
      return [reply[0], reply[1] as nock.Body, { "content-type": "application/json; charset=utf-8" }];
  }
}

async function checkAgainstOpenApi(problems: string[], method: string, path: string, body: unknown, [status, answer]: readonly [number, unknown]): Promise<void> {
  const template = githubTemplate(method, path);
  if (!template) {
    problems.push(`${method} ${path}: no such GitHub operation`);
    return;
  }
  const request = await requestValidator(method, template);
  if (request && !request(body)) problems.push(`${method} ${template} request: ${JSON.stringify(request.errors?.slice(0, 3))}`);
  const response = await responseValidator(method, template, status);
  if (response && !response(answer)) problems.push(`${method} ${template} ${status} response: ${JSON.stringify(response.errors?.slice(0, 3))}`);
  if (!response && status < 300) problems.push(`${method} ${template}: GitHub documents no ${status} answer`);
}
