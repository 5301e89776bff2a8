import { createHash } from "node:crypto";

/** A person line of a commit, as the git data API shows it. */
export interface Signature {
  name: string;
  email: string;
  /** ISO 8601, seconds precision, UTC ("2026-01-02T03:04:05Z"), as GitHub prints it. */
  date: string;
}

export interface TreeEntry {
  name: string;
  /** The API's spelling: "100644", "100755", "040000", "160000", "120000". */
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

export interface CommitData {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

export type GitObject =
  | { type: "blob"; sha: string; content: Buffer }
  | { type: "tree"; sha: string; entries: TreeEntry[] }
  | { type: "commit"; sha: string; commit: CommitData };

/** One file of a flattened tree: its path from the root and what the tree entry says. */
export interface Leaf {
  mode: string;
  type: "blob" | "commit";
  sha: string;
}

const EMPTY_TREE_MODE = "040000";

function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * A repository's object database. Objects are hashed exactly as git hashes them, so a SHA the
 * fake prints is the SHA git would print for the same content, and the same tree written twice
 * gets the same SHA (which is how "no diff between branches" is detected).
 */
export class ObjectStore {
  readonly #objects = new Map<string, GitObject>();

  #hash(type: GitObject["type"], body: Buffer): string {
    return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
  }

  putBlob(content: Buffer): string {
    const sha = this.#hash("blob", content);
    if (!this.#objects.has(sha)) this.#objects.set(sha, { type: "blob", sha, content });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    // git orders entries by name, comparing a tree's name as if it ended in "/".
    const key = (e: TreeEntry) => (e.type === "tree" ? `${e.name}/` : e.name);
    const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const body = Buffer.concat(
      sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.name}\0`), Buffer.from(e.sha, "hex")])),
    );
    const sha = this.#hash("tree", body);
    if (!this.#objects.has(sha)) this.#objects.set(sha, { type: "tree", sha, entries: sorted });
    return sha;
  }

  putCommit(commit: CommitData): string {
    const person = (s: Signature) => `${s.name} <${s.email}> ${unixSeconds(s.date)} +0000`;
    const text = [
      `tree ${commit.tree}`,
      ...commit.parents.map((p) => `parent ${p}`),
      `author ${person(commit.author)}`,
      `committer ${person(commit.committer)}`,
      "",
      commit.message,
    ].join("\n");
    const sha = this.#hash("commit", Buffer.from(text, "utf8"));
    if (!this.#objects.has(sha)) this.#objects.set(sha, { type: "commit", sha, commit });
    return sha;
  }

  get(sha: string): GitObject | undefined {
    return this.#objects.get(sha.toLowerCase());
  }

  blob(sha: string): Buffer | undefined {
    const o = this.get(sha);
    return o?.type === "blob" ? o.content : undefined;
  }

  tree(sha: string): TreeEntry[] | undefined {
    const o = this.get(sha);
    return o?.type === "tree" ? o.entries : undefined;
  }

  commit(sha: string): CommitData | undefined {
    const o = this.get(sha);
    return o?.type === "commit" ? o.commit : undefined;
  }

  /** The full SHA of a commit given its full or abbreviated (7+ hex digits, unambiguous) SHA. */
  expandCommitSha(prefix: string): string | undefined {
    if (!/^[0-9a-f]{7,40}$/i.test(prefix)) return undefined;
    const p = prefix.toLowerCase();
    if (p.length === 40) return this.commit(p) ? p : undefined;
    const hits = [...this.#objects.values()].filter((o) => o.type === "commit" && o.sha.startsWith(p));
    return hits.length === 1 ? hits[0]!.sha : undefined;
  }

  /** Every file below a tree, keyed by its path from that tree. */
  flatten(treeSha: string, prefix = "", into = new Map<string, Leaf>()): Map<string, Leaf> {
    for (const e of this.tree(treeSha) ?? []) {
      const path = prefix + e.name;
      if (e.type === "tree") this.flatten(e.sha, `${path}/`, into);
      else into.set(path, { mode: e.mode, type: e.type, sha: e.sha });
    }
    return into;
  }

  /** Writes the nested trees for a set of files and returns the root tree's SHA. */
  writeTree(files: Map<string, Leaf>): string {
    const children = new Map<string, Map<string, Leaf>>();
    const entries: TreeEntry[] = [];
    for (const [path, leaf] of files) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        entries.push({ name: path, ...leaf });
        continue;
      }
      const dir = path.slice(0, slash);
      if (!children.has(dir)) children.set(dir, new Map());
      children.get(dir)!.set(path.slice(slash + 1), leaf);
    }
    for (const [name, sub] of children) entries.push({ name, mode: EMPTY_TREE_MODE, type: "tree", sha: this.writeTree(sub) });
    return this.putTree(entries);
  }

  /** The entry a path names inside a tree (a file, or a folder as a tree entry), if any. */
  lookup(treeSha: string, path: string): TreeEntry | undefined {
    const parts = path.split("/").filter(Boolean);
    let entry: TreeEntry | undefined = { name: "", mode: EMPTY_TREE_MODE, type: "tree", sha: treeSha };
    for (const part of parts) {
      if (entry?.type !== "tree") return undefined;
      entry = this.tree(entry.sha)?.find((e) => e.name === part);
    }
    return entry;
  }

  /** Commits reachable from `head`, newest first (breadth-first over parents). */
  history(head: string): string[] {
    const seen = new Set<string>([head]);
    const order: string[] = [];
    const queue = [head];
    while (queue.length > 0) {
      const sha = queue.shift()!;
      order.push(sha);
      for (const parent of this.commit(sha)?.parents ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    return order;
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.history(descendant).includes(ancestor);
  }

  /** The nearest common ancestor of two commits (good enough for the histories tests build). */
  mergeBase(a: string, b: string): string | undefined {
    const ofA = new Set(this.history(a));
    return this.history(b).find((sha) => ofA.has(sha));
  }

  /** Commits in `head` and not in `base`, oldest first: what a pull request or compare lists. */
  commitsBetween(base: string, head: string): string[] {
    const inBase = new Set(this.history(base));
    return this.history(head)
      .filter((sha) => !inBase.has(sha))
      .reverse();
  }
}
