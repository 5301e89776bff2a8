import { ObjectStore, type Leaf, type Signature } from "./git/objects.ts";
import { mergeTrees } from "./git/merge.ts";
import type { App, FakeEvent, Installation, Issue, Permissions, Repo, Role, User } from "./model.ts";

/** Files to commit: text (or bytes) per path, folders in the path; null deletes the path. */
export type FileChanges = Record<string, string | Buffer | null>;

export interface CommitSummary {
  sha: string;
  message: string;
  author: Signature & { login: string | null };
  committer: Signature & { login: string | null };
  parents: string[];
}

export interface SeedOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  files: FileChanges;
  private?: boolean;
  ownerType?: "User" | "Organization";
  /** Install the app on the repository (default true); false leaves it for an installation event. */
  installed?: boolean;
  /** Branch protection that requires an up-to-date head, so a mergeable PR reads "behind". */
  requireUpToDate?: boolean;
}

export interface StateOptions {
  appId: number;
  slug: string;
  appName: string;
  /** The permissions an installation grants (app.yml's default_permissions). */
  permissions: Permissions;
  events: string[];
  /** "lazy": the first read of a PR after its head or base moved says mergeable null, as GitHub does while it computes. */
  mergeability: "immediate" | "lazy";
  clock: () => Date;
}

const ROLE_RANK: Role[] = ["none", "read", "triage", "write", "maintain", "admin"];

export function roleAtLeast(role: Role, wanted: Role): boolean {
  return ROLE_RANK.indexOf(role) >= ROLE_RANK.indexOf(wanted);
}

/**
 * The whole fake GitHub in memory: users, the app and its installations, repositories with
 * their git objects, refs, issues, pull requests and comments. Route handlers and test helpers
 * change it through the same methods, so what a test does as a human and what the app does
 * through the API meet in one history.
 */
export class GitHubState {
  readonly app: App;
  readonly users = new Map<string, User>();
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, Installation>();
  readonly events: FakeEvent[] = [];
  readonly options: StateOptions;
  #nextId = 1000;

  constructor(options: StateOptions) {
    this.options = options;
    const owner = this.user("headscout-dev", "Organization");
    const bot = this.user(`${options.slug}[bot]`, "Bot");
    this.app = {
      id: options.appId,
      slug: options.slug,
      name: options.appName,
      clientId: `Iv1.${options.appId.toString(16).padStart(16, "0")}`,
      owner,
      bot,
      permissions: options.permissions,
      events: options.events,
      createdAt: this.now(),
    };
  }

  /** GitHub prints times to the second, in UTC. */
  now(): string {
    return this.options.clock().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  nextId(): number {
    return ++this.#nextId;
  }

  /** The account with this login, created on first mention (a test names people freely). */
  user(login: string, type: User["type"] = "User"): User {
    const key = login.toLowerCase();
    let u = this.users.get(key);
    if (!u) {
      const id = this.nextId();
      u = { login, id, type, email: `${id}+${login}@users.noreply.github.com` };
      this.users.set(key, u);
    }
    return u;
  }

  userByEmail(email: string): User | undefined {
    return [...this.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  signature(user: User): Signature {
    return { name: user.login, email: user.email, date: this.now() };
  }

  findRepo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repo(fullName: string | Repo): Repo {
    if (typeof fullName !== "string") return fullName;
    const r = this.repos.get(fullName.toLowerCase());
    if (!r) throw new Error(`fake GitHub: no repository ${fullName}`);
    return r;
  }

  seedRepo(options: SeedOptions): Repo {
    const owner = this.user(options.owner, options.ownerType ?? "User");
    const branch = options.defaultBranch ?? "main";
    const repo: Repo = {
      id: this.nextId(),
      owner,
      name: options.repo,
      fullName: `${owner.login}/${options.repo}`,
      defaultBranch: branch,
      private: options.private ?? false,
      createdAt: this.now(),
      pushedAt: this.now(),
      git: new ObjectStore(),
      refs: new Map(),
      issues: new Map(),
      comments: new Map(),
      roles: new Map(),
      labels: new Map(),
      requireUpToDate: options.requireUpToDate ?? false,
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    const sha = this.commitFiles(repo, { parent: undefined, files: options.files, message: "Initial commit", author: this.signature(owner) });
    this.setRef(repo, `refs/heads/${branch}`, sha);
    if (options.installed ?? true) this.install(owner.login, { repositories: [repo.fullName] });
    return repo;
  }

  /** Installs the app for an account (or adds repositories to its installation). */
  install(account: string, options: { repositories?: string[]; id?: number } = {}): Installation {
    const owner = this.user(account);
    let inst = [...this.installations.values()].find((i) => i.account.id === owner.id);
    if (!inst) {
      inst = {
        id: options.id ?? this.nextId(),
        account: owner,
        repositorySelection: options.repositories ? "selected" : "all",
        repositories: new Set(),
        permissions: this.options.permissions,
        events: this.options.events,
        createdAt: this.now(),
      };
      this.installations.set(inst.id, inst);
    }
    for (const name of options.repositories ?? []) inst.repositories.add(name.toLowerCase());
    return inst;
  }

  installationFor(repo: Repo): Installation | undefined {
    return [...this.installations.values()].find(
      (i) => i.account.id === repo.owner.id && (i.repositorySelection === "all" || i.repositories.has(repo.fullName.toLowerCase())),
    );
  }

  /** Repositories an installation reaches. */
  repositoriesOf(inst: Installation): Repo[] {
    return [...this.repos.values()].filter((r) => this.installationFor(r)?.id === inst.id);
  }

  setRole(repo: string | Repo, login: string, role: Role): void {
    this.user(login);
    this.repo(repo).roles.set(login.toLowerCase(), role);
  }

  /** A user's role; outsiders can read a public repository and nothing of a private one. */
  role(repo: Repo, user: User): Role {
    if (user.id === repo.owner.id) return "admin";
    return repo.roles.get(user.login.toLowerCase()) ?? (repo.private ? "none" : "read");
  }

  // ---- git ----

  /** A commit SHA for a branch name, "heads/x", "refs/heads/x" or a (short) commit SHA. */
  resolveCommit(repo: Repo, ref: string): string | undefined {
    const name = ref.startsWith("refs/") ? ref : ref.startsWith("heads/") || ref.startsWith("tags/") ? `refs/${ref}` : `refs/heads/${ref}`;
    return repo.refs.get(name) ?? repo.refs.get(`refs/tags/${ref}`) ?? repo.git.expandCommitSha(ref);
  }

  /** A new commit on `parent` with the files changed; the SHA (no ref moves). */
  commitFiles(repo: Repo, options: { parent: string | undefined; files: FileChanges; message: string; author: Signature; committer?: Signature }): string {
    const parentTree = options.parent ? repo.git.commit(options.parent)?.tree : undefined;
    const files: Map<string, Leaf> = parentTree ? repo.git.flatten(parentTree) : new Map();
    for (const [path, content] of Object.entries(options.files)) {
      if (content === null) {
        for (const p of [...files.keys()]) if (p === path || p.startsWith(`${path}/`)) files.delete(p);
      } else {
        files.set(path, { mode: "100644", type: "blob", sha: repo.git.putBlob(Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8")) });
      }
    }
    return repo.git.putCommit({
      tree: repo.git.writeTree(files),
      parents: options.parent ? [options.parent] : [],
      author: options.author,
      committer: options.committer ?? options.author,
      message: options.message,
    });
  }

  /**
   * Moves (or with undefined deletes) a ref, and what GitHub does with the pull requests on it:
   * their head follows the branch, and deleting a PR's head or base branch closes the PR.
   */
  setRef(repo: Repo, name: string, sha: string | undefined, by?: User): void {
    if (sha === undefined) repo.refs.delete(name);
    else repo.refs.set(name, sha);
    if (!name.startsWith("refs/heads/")) return;
    repo.pushedAt = this.now();
    const branch = name.slice("refs/heads/".length);
    for (const issue of repo.issues.values()) {
      const pull = issue.pull;
      if (!pull || issue.state !== "open" || (pull.headRef !== branch && pull.baseRef !== branch)) continue;
      pull.mergeabilityStale = true;
      if (sha !== undefined && pull.headRef === branch) pull.headSha = sha;
      if (sha === undefined) this.closeIssue(repo, issue, by ?? this.app.bot);
    }
  }

  readFile(repo: string | Repo, ref: string, path: string): string | undefined {
    const r = this.repo(repo);
    const sha = this.resolveCommit(r, ref);
    const tree = sha ? r.git.commit(sha)?.tree : undefined;
    const entry = tree ? r.git.lookup(tree, path) : undefined;
    return entry?.type === "blob" ? r.git.blob(entry.sha)?.toString("utf8") : undefined;
  }

  /** The commits of a branch (or any ref), newest first, with the account each author maps to. */
  listCommits(repo: string | Repo, ref: string): CommitSummary[] {
    const r = this.repo(repo);
    const head = this.resolveCommit(r, ref);
    if (!head) throw new Error(`fake GitHub: ${r.fullName} has no ref ${ref}`);
    return r.git.history(head).map((sha) => {
      const c = r.git.commit(sha)!;
      return {
        sha,
        message: c.message,
        author: { ...c.author, login: this.userByEmail(c.author.email)?.login ?? null },
        committer: { ...c.committer, login: this.userByEmail(c.committer.email)?.login ?? null },
        parents: c.parents,
      };
    });
  }

  /** A person's push: one commit with these file changes on `branch` (created from the default branch if new). */
  pushAsHuman(repo: string | Repo, branch: string, files: FileChanges, author: string, message = "Update files"): { sha: string; before: string | undefined } {
    const r = this.repo(repo);
    const user = this.user(author);
    const before = r.refs.get(`refs/heads/${branch}`);
    const parent = before ?? r.refs.get(`refs/heads/${r.defaultBranch}`);
    const sha = this.commitFiles(r, { parent, files, message, author: this.signature(user) });
    this.setRef(r, `refs/heads/${branch}`, sha, user);
    return { sha, before };
  }

  // ---- issues and pull requests ----

  issue(repo: Repo, number: number): Issue | undefined {
    return repo.issues.get(number);
  }

  openIssue(repo: Repo, fields: { title: string; body: string | null; user: User; labels?: string[] }): Issue {
    const now = this.now();
    const issue: Issue = {
      id: this.nextId(),
      number: repo.issues.size + 1,
      title: fields.title,
      body: fields.body,
      state: "open",
      stateReason: null,
      user: fields.user,
      labels: [],
      assignees: [],
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      commentIds: [],
      reactions: [],
    };
    repo.issues.set(issue.number, issue);
    this.addLabels(repo, issue, fields.labels ?? []);
    return issue;
  }

  /** Adds labels to an issue, creating the repository's label on first use as GitHub does. */
  addLabels(repo: Repo, issue: Issue, names: string[]): void {
    for (const name of names) {
      if (!repo.labels.has(name.toLowerCase())) repo.labels.set(name.toLowerCase(), { id: this.nextId(), name, color: "ededed", description: null });
      const label = repo.labels.get(name.toLowerCase())!;
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
  }

  closeIssue(repo: Repo, issue: Issue, by: User, reason: Issue["stateReason"] = "completed"): void {
    if (issue.state === "closed") return;
    issue.state = "closed";
    issue.stateReason = issue.pull ? null : reason;
    issue.closedAt = this.now();
    issue.closedBy = by;
    issue.updatedAt = issue.closedAt;
  }

  addComment(repo: Repo, issue: Issue, body: string, user: User): number {
    const now = this.now();
    const id = this.nextId();
    repo.comments.set(id, { id, issueNumber: issue.number, body, user, createdAt: now, updatedAt: now, reactions: [] });
    issue.commentIds.push(id);
    issue.updatedAt = now;
    return id;
  }

  pull(repo: string | Repo, number: number): { repo: Repo; issue: Issue & { pull: NonNullable<Issue["pull"]> } } {
    const r = this.repo(repo);
    const issue = r.issues.get(number);
    if (!issue?.pull) throw new Error(`fake GitHub: ${r.fullName} has no pull request #${number}`);
    return { repo: r, issue: issue as Issue & { pull: NonNullable<Issue["pull"]> } };
  }

  /** The merge a maintainer makes with the button: a merge commit (or a squash) on the base branch. */
  mergePull(repo: string | Repo, number: number, by: string, method: "merge" | "squash" = "merge"): { sha: string; before: string } {
    const { repo: r, issue } = this.pull(repo, number);
    const pull = issue.pull;
    if (issue.state !== "open") throw new Error(`fake GitHub: #${number} is ${issue.state}`);
    if (pull.draft) throw new Error(`fake GitHub: #${number} is a draft`);
    const user = this.user(by);
    const base = r.refs.get(`refs/heads/${pull.baseRef}`)!;
    const head = pull.headSha;
    const tree = this.mergedTree(r, base, head);
    if ("conflicts" in tree) throw new Error(`fake GitHub: #${number} conflicts with ${pull.baseRef} in ${tree.conflicts.join(", ")}`);
    const message = method === "merge" ? `Merge pull request #${number} from ${r.owner.login}/${pull.headRef}\n\n${issue.title}` : `${issue.title} (#${number})`;
    const web = { name: "GitHub", email: "noreply@github.com", date: this.now() };
    const sha = r.git.putCommit({ tree: tree.tree, parents: method === "merge" ? [base, head] : [base], author: this.signature(user), committer: web, message });
    Object.assign(pull, { merged: true, mergedAt: this.now(), mergedBy: user, mergeCommitSha: sha });
    this.closeIssue(r, issue, user);
    this.setRef(r, `refs/heads/${pull.baseRef}`, sha, user);
    return { sha, before: base };
  }

  /**
   * What GET /pulls/{n} says of merging: clean when the head contains the base or merges with it
   * (GitHub says "behind" only under protection that requires an up-to-date branch), dirty on a
   * conflict. With `mergeability: "lazy"` the first read after a move is null, as GitHub answers
   * while its background job runs.
   */
  mergeability(repo: Repo, issue: Issue): { mergeable: boolean | null; rebaseable: boolean | null; mergeable_state: string } {
    const pull = issue.pull!;
    const unknown = { mergeable: null, rebaseable: null, mergeable_state: "unknown" };
    const base = repo.refs.get(`refs/heads/${pull.baseRef}`);
    if (issue.state !== "open" || !base) return unknown;
    const stale = pull.mergeabilityStale;
    pull.mergeabilityStale = false;
    if (stale && this.options.mergeability === "lazy") return unknown;
    const upToDate = repo.git.isAncestor(base, pull.headSha);
    if (!upToDate && "conflicts" in this.mergedTree(repo, base, pull.headSha)) return { mergeable: false, rebaseable: false, mergeable_state: "dirty" };
    const state = pull.draft ? "draft" : !upToDate && repo.requireUpToDate ? "behind" : "clean";
    return { mergeable: true, rebaseable: true, mergeable_state: state };
  }

  /** The tree a merge of head into base would have, or the paths in conflict. */
  mergedTree(repo: Repo, base: string, head: string): { tree: string } | { conflicts: string[] } {
    const git = repo.git;
    const headTree = git.commit(head)!.tree;
    if (git.isAncestor(base, head)) return { tree: headTree };
    const mergeBase = git.mergeBase(base, head);
    const baseTree = mergeBase ? git.commit(mergeBase)!.tree : git.writeTree(new Map());
    return mergeTrees(git, baseTree, git.commit(base)!.tree, headTree);
  }

  record(event: Omit<FakeEvent, "seq">): void {
    this.events.push({ seq: this.events.length + 1, ...event });
  }
}
