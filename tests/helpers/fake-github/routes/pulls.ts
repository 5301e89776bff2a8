import type { Context } from "../context.ts";
import { GitHubError, notFound, validationFailed } from "../errors.ts";
import type { Issue, Pull, Repo, User } from "../model.ts";
import { route, type Route } from "../router.ts";
import { restCommitJson } from "../shapes/git.ts";
import { pullBase, pullFiles, pullJson } from "../shapes/issues.ts";
import { roleAtLeast } from "../state.ts";
import { checkLength, editIssue, MAX_BODY, MAX_TITLE } from "./issues.ts";

type PullIssue = Issue & { pull: Pull };

function pullAt(ctx: Context, level: "read" | "write"): { repo: Repo; issue: PullIssue } {
  const repo = ctx.repoWith("pull_requests", level);
  const issue = repo.issues.get(Number(ctx.params.pull_number));
  if (!issue?.pull) throw notFound();
  return { repo, issue: issue as PullIssue };
}

/** "branch" or "owner:branch" (the same repository: the fake has no forks). */
function headBranch(repo: Repo, head: string): string | undefined {
  const colon = head.indexOf(":");
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.login.toLowerCase() ? head.slice(colon + 1) : undefined;
}

function openPull(ctx: Context): { status: number; json: unknown } {
  const repo = ctx.repoWith("pull_requests", "write");
  const b = ctx.body;
  checkLength("PullRequest", b, { title: MAX_TITLE, body: MAX_BODY });
  const head = headBranch(repo, ctx.str("head")!);
  const base = ctx.str("base")!;
  const headSha = head ? repo.refs.get(`refs/heads/${head}`) : undefined;
  const baseSha = repo.refs.get(`refs/heads/${base}`);
  const errors = [
    ...(typeof b.title !== "string" ? [{ resource: "PullRequest", code: "missing_field" as const, field: "title" }] : []),
    ...(!headSha ? [{ resource: "PullRequest", code: "invalid" as const, field: "head" }] : []),
    ...(!baseSha ? [{ resource: "PullRequest", code: "invalid" as const, field: "base" }] : []),
  ];
  if (errors.length > 0) throw new GitHubError(422, "Validation Failed", { errors, reject: "invalid" });
  const label = `${repo.owner.login}:${head}`;
  const dup = [...repo.issues.values()].find((i) => i.state === "open" && i.pull?.headRef === head && i.pull?.baseRef === base);
  if (dup) throw validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${label}.` });
  if (repo.git.commitsBetween(baseSha!, headSha!).length === 0) throw validationFailed({ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` });
  const issue = ctx.state.openIssue(repo, { title: b.title as string, body: ctx.str("body") ?? null, user: ctx.user() });
  issue.pull = {
    headRef: head!,
    headSha: headSha!,
    baseRef: base,
    draft: b.draft === true,
    maintainerCanModify: b.maintainer_can_modify !== false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    requestedReviewers: [],
    mergeabilityStale: true,
  };
  ctx.event(repo, { type: "pull_request.opened", number: issue.number, ref: head!, sha: headSha! });
  return { status: 201, json: pullJson(ctx.env, repo, issue, "pending") };
}

function listPulls(ctx: Context) {
  const repo = ctx.repoWith("pull_requests", "read");
  const q = ctx.query;
  const state = q.get("state") ?? "open";
  // GitHub applies `head` only in its "owner:branch" form; a bare branch name filters nothing.
  const head = q.get("head")?.includes(":") ? headBranch(repo, q.get("head")!) ?? "\0" : undefined;
  const base = q.get("base");
  const sort = q.get("sort") ?? "created";
  const sign = (q.get("direction") ?? (sort === "created" ? "desc" : "asc")) === "asc" ? 1 : -1;
  const key = (i: Issue) => (sort === "updated" ? i.updatedAt : i.createdAt) + String(i.number).padStart(9, "0");
  const pulls = [...repo.issues.values()]
    .filter((i): i is PullIssue => !!i.pull)
    .filter((i) => state === "all" || i.state === state)
    .filter((i) => head === undefined || i.pull.headRef === head)
    .filter((i) => !base || i.pull.baseRef === base)
    .sort((a, b) => (key(a) < key(b) ? -sign : sign));
  return ctx.list(pulls, (i) => pullJson(ctx.env, repo, i, "list"));
}

function updatePull(ctx: Context) {
  const { repo, issue } = pullAt(ctx, "write");
  const b = ctx.body;
  if (typeof b.base === "string" && b.base !== issue.pull.baseRef) {
    if (!repo.refs.has(`refs/heads/${b.base}`)) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
    Object.assign(issue.pull, { baseRef: b.base, mergeabilityStale: true });
  }
  if (typeof b.maintainer_can_modify === "boolean") issue.pull.maintainerCanModify = b.maintainer_can_modify;
  editIssue(ctx, repo, issue);
  return { status: 200, json: pullJson(ctx.env, repo, issue, "full") };
}

function requestReviewers(ctx: Context) {
  const { repo, issue } = pullAt(ctx, "write");
  const logins = (ctx.body.reviewers as string[] | undefined) ?? [];
  const teams = (ctx.body.team_reviewers as string[] | undefined) ?? [];
  const users: User[] = logins.map((l) => ctx.state.user(l));
  if (users.some((u) => u.id === issue.user.id)) throw validationFailed({ resource: "PullRequest", code: "custom", message: "Review cannot be requested from pull request author." });
  // The fake has no teams; a reviewer must be a collaborator with at least read access.
  const outsider = teams.length > 0 || users.some((u) => u.id !== repo.owner.id && !roleAtLeast(repo.roles.get(u.login.toLowerCase()) ?? "none", "read"));
  if (outsider) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      message: `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
    });
  }
  for (const u of users) if (!issue.pull.requestedReviewers.some((r) => r.id === u.id)) issue.pull.requestedReviewers.push(u);
  ctx.event(repo, { type: "pull_request.review_requested", number: issue.number, reviewers: users.map((u) => u.login) });
  return { status: 201, json: pullJson(ctx.env, repo, issue, "list") };
}

/** Pull requests: open (with GitHub's refusals), list, read, edit, close, commits, files, reviewers. */
export const pullsRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/pulls", openPull),
  route("GET /repos/{owner}/{repo}/pulls", listPulls),
  route("GET /repos/{owner}/{repo}/pulls/{pull_number}", (ctx) => {
    const { repo, issue } = pullAt(ctx, "read");
    return { status: 200, json: pullJson(ctx.env, repo, issue, "full") };
  }),
  route("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", updatePull),
  route("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", (ctx) => {
    const { repo, issue } = pullAt(ctx, "read");
    return ctx.list(repo.git.commitsBetween(pullBase(repo, issue.pull), issue.pull.headSha), (sha) => restCommitJson(ctx.env, repo, sha));
  }),
  route("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", (ctx) => {
    const { repo, issue } = pullAt(ctx, "read");
    return ctx.list(pullFiles(ctx.env, repo, issue.pull), (file) => file);
  }),
  route("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", requestReviewers),
];
