import { GitHubError, notFound } from "./errors.ts";
import type { Actor, FakeEvent, Issue, Repo, User } from "./model.ts";
import type { ShapeEnv } from "./shapes/env.ts";
import { roleAtLeast, type GitHubState } from "./state.ts";

/** What a handler answers: JSON (the default), or raw text for a raw media type. */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Scope = "contents" | "pull_requests" | "issues" | "metadata";

/** One request as a handler sees it, with the lookups and checks every area needs. */
export class Context {
  constructor(
    readonly env: ShapeEnv,
    readonly method: string,
    /** The path after /api/v3, still percent-encoded. */
    readonly path: string,
    readonly params: Record<string, string>,
    readonly query: URLSearchParams,
    /** The parsed JSON body as sent (an object, or an array where GitHub takes one). */
    readonly raw: unknown,
    readonly actor: Actor,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {}

  /** The body's fields (empty when the body is not an object). */
  get body(): Record<string, unknown> {
    return this.raw !== null && typeof this.raw === "object" && !Array.isArray(this.raw) ? (this.raw as Record<string, unknown>) : {};
  }

  get state(): GitHubState {
    return this.env.state;
  }

  /** The account acting: the app's bot for an installation token, or the test user. */
  user(): User {
    if (this.actor.kind === "app") throw new GitHubError(403, "Resource not accessible by integration", { reject: "auth" });
    return this.actor.user;
  }

  /** The repository in the path; 404 (as GitHub, which hides what a token cannot see) when out of reach. */
  repo(): Repo {
    const repo = this.state.findRepo(this.params.owner!, this.params.repo!);
    if (!repo) throw notFound();
    const a = this.actor;
    if (a.kind === "installation") {
      const reachable = this.state.installationFor(repo)?.id === a.installation.id && (!a.repositories || a.repositories.has(repo.fullName.toLowerCase()));
      if (!reachable) throw notFound();
    } else if (a.kind === "user" && this.state.role(repo, a.user) === "none") {
      throw notFound();
    }
    return repo;
  }

  /** The path's repository, refused unless the token may use `scope` at `level` on it. */
  repoWith(scope: Scope, level: "read" | "write"): Repo {
    const repo = this.repo();
    this.require(repo, [scope, level]);
    return repo;
  }

  /**
   * Refuses what the token may not do: an installation needs the permission (any one of the
   * alternatives: a comment on a PR takes issues or pull_requests write); a user needs push
   * access to write contents or pull requests, and read access for the rest.
   */
  require(repo: Repo, ...alternatives: [Scope, "read" | "write"][]): void {
    const a = this.actor;
    const ok =
      a.kind === "installation"
        ? alternatives.some(([scope, level]) => scope === "metadata" || a.permissions[scope] === "write" || (level === "read" && a.permissions[scope] === "read"))
        : a.kind === "user" &&
          alternatives.some(([scope, level]) => roleAtLeast(this.state.role(repo, a.user), level === "write" && scope !== "issues" ? "write" : "read"));
    if (!ok) {
      const message = a.kind === "installation" ? "Resource not accessible by integration" : "Must have push access to repository";
      throw new GitHubError(403, message, { reject: "permission" });
    }
  }

  /** An issue or PR by number in the path (404 when absent). */
  issue(repo: Repo, param = "issue_number"): Issue {
    const issue = repo.issues.get(Number(this.params[param]));
    if (!issue) throw notFound();
    return issue;
  }

  /** `per_page` (default 30, at most 100) and `page`, with the Link header Octokit's paginate follows. */
  page<T>(items: T[]): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(this.query.get("per_page") ?? 30) || 30));
    const page = Math.max(1, Number(this.query.get("page") ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(this.query);
      q.set("per_page", String(perPage));
      q.set("page", String(n));
      return `<${this.env.api}${this.path}?${q}>; rel="${rel}"`;
    };
    const rels = [
      ...(page > 1 ? [link(page - 1, "prev")] : []),
      ...(page < last ? [link(page + 1, "next"), link(last, "last")] : []),
      ...(page > 1 ? [link(1, "first")] : []),
    ];
    return { items: items.slice((page - 1) * perPage, page * perPage), headers: rels.length ? { link: rels.join(", ") } : {} };
  }

  /** A 200 reply with one page of `items`, each shaped by `shape`, and the Link header. */
  list<T>(items: T[], shape: (item: T) => unknown): Reply {
    const page = this.page(items);
    return { status: 200, json: page.items.map(shape), headers: page.headers };
  }

  /** Logs what the client did (fake.events), with the acting login. */
  event(repo: Repo, event: Omit<FakeEvent, "seq" | "repo" | "actor">): void {
    this.state.record({ ...event, repo: repo.fullName, actor: this.user().login });
  }

  /** A string field of the body (schema validation has already checked its type). */
  str(field: string): string | undefined {
    const v = this.body[field];
    return typeof v === "string" ? v : undefined;
  }
}
