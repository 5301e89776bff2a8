import type { Deliveries } from "./deliveries.ts";
import type { Repo } from "./model.ts";
import type { Delivery } from "./send-webhook.ts";
import type { FileChanges, GitHubState } from "./state.ts";

/**
 * What people do on GitHub, done to the fake's state, each returning the webhook GitHub would
 * deliver for it (send it with `fake.sendWebhook`). Nothing here goes through the API, so none of
 * it appears in `fake.requests` or `fake.events`.
 */
export class HumanActions {
  constructor(
    readonly state: GitHubState,
    readonly deliveries: Deliveries,
  ) {}

  #repo(repo: string | Repo): Repo {
    return this.state.repo(repo);
  }

  comment(repo: string | Repo, issueNumber: number, body: string, login: string): Delivery {
    const r = this.#repo(repo);
    const issue = r.issues.get(issueNumber);
    if (!issue) throw new Error(`fake GitHub: ${r.fullName} has no issue #${issueNumber}`);
    const user = this.state.user(login, login.endsWith("[bot]") ? "Bot" : "User");
    const id = this.state.addComment(r, issue, body, user);
    return this.deliveries.issueComment(r, id, "created", user);
  }

  editComment(repo: string | Repo, commentId: number, body: string, login: string): Delivery {
    const r = this.#repo(repo);
    const comment = r.comments.get(commentId);
    if (!comment) throw new Error(`fake GitHub: ${r.fullName} has no comment ${commentId}`);
    const from = comment.body;
    Object.assign(comment, { body, updatedAt: this.state.now() });
    return this.deliveries.issueComment(r, commentId, "edited", this.state.user(login), { body: { from } });
  }

  openIssue(repo: string | Repo, title: string, body: string, login: string): Delivery {
    const r = this.#repo(repo);
    const issue = this.state.openIssue(r, { title, body, user: this.state.user(login) });
    return this.deliveries.issues(r, issue.number, "opened", issue.user);
  }

  push(repo: string | Repo, branch: string, files: FileChanges, login: string, message?: string): Delivery {
    const r = this.#repo(repo);
    const { sha, before } = this.state.pushAsHuman(r, branch, files, login, message);
    return this.deliveries.push(r, `refs/heads/${branch}`, before, sha, this.state.user(login));
  }

  /** The merge button: the closed-and-merged pull_request event and the push to the base branch. */
  mergePull(repo: string | Repo, number: number, login: string, method: "merge" | "squash" = "merge"): { pullRequest: Delivery; push: Delivery } {
    const r = this.#repo(repo);
    const { sha, before } = this.state.mergePull(r, number, login, method);
    const user = this.state.user(login);
    return {
      pullRequest: this.deliveries.pullRequest(r, number, "closed", user),
      push: this.deliveries.push(r, `refs/heads/${r.issues.get(number)!.pull!.baseRef}`, before, sha, user),
    };
  }

  closePull(repo: string | Repo, number: number, login: string): Delivery {
    const { repo: r, issue } = this.state.pull(repo, number);
    const user = this.state.user(login);
    this.state.closeIssue(r, issue, user);
    return this.deliveries.pullRequest(r, number, "closed", user);
  }

  /** A person edits a PR's body (unticking a paper's box): pull_request.edited with changes.body.from. */
  editPullBody(repo: string | Repo, number: number, body: string, login: string): Delivery {
    const { repo: r, issue } = this.state.pull(repo, number);
    const from = issue.body;
    Object.assign(issue, { body, updatedAt: this.state.now() });
    return this.deliveries.pullRequest(r, number, "edited", this.state.user(login), { changes: { body: { from } } });
  }

  /** An account installs the app on some of its repositories (all of them when `repos` is absent). */
  install(account: string, repos?: string[], login = account): Delivery {
    const inst = this.state.install(account, repos ? { repositories: repos.map((name) => (name.includes("/") ? name : `${account}/${name}`)) } : {});
    return this.deliveries.installation(inst, "created", this.state.user(login));
  }

  addRepositories(account: string, repos: string[], login = account): Delivery {
    const names = repos.map((name) => (name.includes("/") ? name : `${account}/${name}`));
    const inst = this.state.install(account, { repositories: names });
    return this.deliveries.installationRepositories(inst, names.map((n) => this.state.repo(n)), [], this.state.user(login));
  }
}
