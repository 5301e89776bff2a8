import type { FakeEvent, Installation, Repo, User } from "./model.ts";
import { webhook, type Delivery } from "./send-webhook.ts";
import { installationJson, repoJson, repoRefJson, userJson } from "./shapes/accounts.ts";
import { nodeId, type ShapeEnv } from "./shapes/env.ts";
import { commentJson, issueJson, labelJson, pullJson } from "./shapes/issues.ts";

const ZERO = "0".repeat(40);

/**
 * Webhook deliveries built from the fake's state over the real example payloads: the
 * repository, issue, pull request, comment and sender are the ones the API answers with, so
 * what the app reads from a webhook and what it reads back over the API agree.
 */
export class Deliveries {
  constructor(readonly env: ShapeEnv) {}

  #base(repo: Repo, sender: User): Record<string, unknown> {
    const inst = this.env.state.installationFor(repo);
    return {
      repository: repoJson(this.env, repo),
      sender: userJson(this.env, sender),
      installation: inst ? { id: inst.id, node_id: nodeId("Installation", inst.id) } : undefined,
    };
  }

  issueComment(repo: Repo, commentId: number, action: "created" | "edited" | "deleted", sender: User, changes?: Record<string, unknown>): Delivery {
    const comment = repo.comments.get(commentId);
    if (!comment) throw new Error(`fake GitHub: ${repo.fullName} has no comment ${commentId}`);
    return webhook("issue_comment", action, {
      ...this.#base(repo, sender),
      issue: issueJson(this.env, repo, repo.issues.get(comment.issueNumber)!),
      comment: commentJson(this.env, repo, comment),
      ...(changes ? { changes } : { changes: undefined }),
    });
  }

  issues(repo: Repo, number: number, action: string, sender: User, extra: Record<string, unknown> = {}): Delivery {
    return webhook("issues", action, { ...this.#base(repo, sender), issue: issueJson(this.env, repo, repo.issues.get(number)!), changes: undefined, ...extra });
  }

  pullRequest(repo: Repo, number: number, action: string, sender: User, extra: Record<string, unknown> = {}): Delivery {
    const issue = repo.issues.get(number)!;
    return webhook("pull_request", action, {
      ...this.#base(repo, sender),
      number,
      pull_request: pullJson(this.env, repo, issue, "pending"),
      changes: undefined,
      before: undefined,
      after: undefined,
      ...extra,
    });
  }

  /** A push of `ref` from `before` to `after` (either absent for a created or deleted branch). */
  push(repo: Repo, ref: string, before: string | undefined, after: string | undefined, pusher: User): Delivery {
    const git = repo.git;
    const html = `${this.env.html}/${repo.fullName}`;
    const commits = after ? (before ? git.commitsBetween(before, after) : [after]) : [];
    const commitJson = (sha: string) => {
      const c = git.commit(sha)!;
      const person = (p: typeof c.author) => ({ name: p.name, email: p.email, username: this.env.state.userByEmail(p.email)?.login });
      const parentTree = c.parents[0] ? git.flatten(git.commit(c.parents[0])!.tree) : new Map();
      const tree = git.flatten(c.tree);
      return {
        id: sha,
        tree_id: c.tree,
        distinct: true,
        message: c.message,
        timestamp: c.committer.date,
        url: `${html}/commit/${sha}`,
        author: person(c.author),
        committer: person(c.committer),
        added: [...tree.keys()].filter((p) => !parentTree.has(p)),
        removed: [...parentTree.keys()].filter((p) => !tree.has(p)),
        modified: [...tree.keys()].filter((p) => parentTree.has(p) && parentTree.get(p)!.sha !== tree.get(p)!.sha),
      };
    };
    const shown = commits.map(commitJson);
    return webhook("push", undefined, {
      ...this.#base(repo, pusher),
      ref,
      before: before ?? ZERO,
      after: after ?? ZERO,
      created: before === undefined,
      deleted: after === undefined,
      forced: !!before && !!after && !git.isAncestor(before, after),
      base_ref: null,
      compare: `${html}/compare/${(before ?? ZERO).slice(0, 12)}...${(after ?? ZERO).slice(0, 12)}`,
      commits: shown,
      head_commit: shown.at(-1) ?? null,
      pusher: { name: pusher.login, email: pusher.email },
    });
  }

  installation(inst: Installation, action: "created" | "deleted", sender: User): Delivery {
    return webhook("installation", action, {
      installation: installationJson(this.env, inst),
      repositories: this.env.state.repositoriesOf(inst).map(repoRefJson),
      requester: null,
      sender: userJson(this.env, sender),
    });
  }

  installationRepositories(inst: Installation, added: Repo[], removed: Repo[], sender: User): Delivery {
    return webhook("installation_repositories", added.length > 0 ? "added" : "removed", {
      installation: installationJson(this.env, inst),
      repository_selection: inst.repositorySelection,
      repositories_added: added.map(repoRefJson),
      repositories_removed: removed.map(repoRefJson),
      requester: null,
      sender: userJson(this.env, sender),
    });
  }

  /** What GitHub would deliver for something a client did through the API (fake.events). */
  forEvent(event: FakeEvent): Delivery {
    const state = this.env.state;
    const repo = state.repo(event.repo);
    const actor = state.user(event.actor);
    const [kind, action] = event.type.split(".") as [string, string];
    if (kind === "pull_request") return this.pullRequest(repo, event.number!, action, actor);
    if (kind === "issues") {
      const label = event.labels?.[0] ? { label: labelJson(this.env, repo, repo.labels.get(event.labels[0].toLowerCase())!) } : {};
      return this.issues(repo, event.number!, action, actor, label);
    }
    if (kind === "issue_comment" && action !== "deleted") return this.issueComment(repo, event.commentId!, action as "created" | "edited", actor);
    if (kind === "ref") return this.push(repo, event.ref!, event.before, event.type === "ref.deleted" ? undefined : event.sha, actor);
    throw new Error(`fake GitHub: GitHub sends no webhook for ${event.type}`);
  }
}
