import type { Context, Scope } from "../context.ts";
import { notFound, tooLong, validationFailed } from "../errors.ts";
import type { Comment, Issue, Reaction, ReactionContent, Repo } from "../model.ts";
import { route, type Route } from "../router.ts";
import { commentJson, issueJson, labelJson, reactionJson } from "../shapes/issues.ts";

// GitHub's limits: the app must build bodies that fit, never have them refused.
export const MAX_BODY = 65536;
export const MAX_TITLE = 256;

export function checkLength(resource: string, fields: Record<string, unknown>, limits: Record<string, number>): void {
  for (const [field, max] of Object.entries(limits)) {
    const v = fields[field];
    if (typeof v === "string" && v.length > max) throw tooLong(resource, field, max);
  }
}

/** A comment on a pull request may be written with pull_requests permission as well as issues. */
function requireOnIssue(ctx: Context, repo: Repo, issue: Issue, level: "read" | "write"): void {
  const alternatives: [Scope, "read" | "write"][] = [["issues", level]];
  if (issue.pull) alternatives.push(["pull_requests", level]);
  ctx.require(repo, ...alternatives);
}

function issueAt(ctx: Context, level: "read" | "write"): { repo: Repo; issue: Issue } {
  const repo = ctx.repo();
  const issue = ctx.issue(repo);
  requireOnIssue(ctx, repo, issue, level);
  return { repo, issue };
}

function commentAt(ctx: Context, level: "read" | "write"): { repo: Repo; comment: Comment } {
  const repo = ctx.repo();
  const comment = repo.comments.get(Number(ctx.params.comment_id));
  if (!comment) throw notFound();
  requireOnIssue(ctx, repo, repo.issues.get(comment.issueNumber)!, level);
  return { repo, comment };
}

const cannotReopen = (why: string) => validationFailed({ resource: "PullRequest", code: "custom", field: "state", message: `state cannot be changed. ${why}` });

/** Title, body and state as PATCH of an issue or of a pull request changes them (a PR is an issue too). */
export function editIssue(ctx: Context, repo: Repo, issue: Issue): void {
  const b = ctx.body;
  const kind = issue.pull ? "pull_request" : "issues";
  checkLength(issue.pull ? "PullRequest" : "Issue", b, { title: MAX_TITLE, body: MAX_BODY });
  if ((typeof b.title === "string" && b.title !== issue.title) || (b.body !== undefined && b.body !== issue.body)) {
    if (typeof b.title === "string") issue.title = b.title;
    if (b.body !== undefined) issue.body = (b.body as string | null) ?? null;
    issue.updatedAt = ctx.state.now();
    ctx.event(repo, { type: `${kind}.edited`, number: issue.number });
  }
  if (b.state === "closed" && issue.state === "open") {
    ctx.state.closeIssue(repo, issue, ctx.user(), (b.state_reason as Issue["stateReason"]) ?? "completed");
    ctx.event(repo, { type: `${kind}.closed`, number: issue.number });
  } else if (b.state === "open" && issue.state === "closed") {
    if (issue.pull) {
      const head = repo.refs.get(`refs/heads/${issue.pull.headRef}`);
      if (issue.pull.merged) throw cannotReopen("The pull request cannot be reopened because it was merged.");
      if (!head) throw cannotReopen("The head branch was deleted.");
      Object.assign(issue.pull, { headSha: head, mergeabilityStale: true });
    }
    Object.assign(issue, { state: "open", stateReason: issue.pull ? null : "reopened", closedAt: null, closedBy: null, updatedAt: ctx.state.now() });
    ctx.event(repo, { type: `${kind}.reopened`, number: issue.number });
  }
}

function byQuery(ctx: Context, issues: Issue[]): Issue[] {
  const q = ctx.query;
  const state = q.get("state") ?? "open";
  const labels = (q.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const creator = q.get("creator")?.toLowerCase();
  const since = q.get("since");
  const sort = q.get("sort") ?? "created";
  const key = (i: Issue) => (sort === "updated" ? i.updatedAt : sort === "comments" ? String(i.commentIds.length).padStart(9, "0") : i.createdAt) + String(i.number).padStart(9, "0");
  const sign = q.get("direction") === "asc" ? 1 : -1;
  return issues
    .filter((i) => state === "all" || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)))
    .filter((i) => !creator || i.user.login.toLowerCase() === creator)
    .filter((i) => !since || i.updatedAt >= since)
    .sort((a, b) => (key(a) < key(b) ? -sign : sign));
}

const issueRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/issues", (ctx) => {
    const repo = ctx.repoWith("issues", "write");
    checkLength("Issue", ctx.body, { title: MAX_TITLE, body: MAX_BODY });
    const issue = ctx.state.openIssue(repo, {
      title: String(ctx.body.title),
      body: ctx.str("body") ?? null,
      user: ctx.user(),
      labels: (ctx.body.labels as (string | { name: string })[] | undefined)?.map((l) => (typeof l === "string" ? l : l.name)),
    });
    ctx.event(repo, { type: "issues.opened", number: issue.number });
    return { status: 201, json: issueJson(ctx.env, repo, issue) };
  }),
  route("GET /repos/{owner}/{repo}/issues", (ctx) => {
    const repo = ctx.repoWith("issues", "read");
    // Like GitHub, the list holds pull requests too (each with a `pull_request` key).
    return ctx.list(byQuery(ctx, [...repo.issues.values()]), (i) => issueJson(ctx.env, repo, i));
  }),
  route("GET /repos/{owner}/{repo}/issues/{issue_number}", (ctx) => {
    const { repo, issue } = issueAt(ctx, "read");
    return { status: 200, json: issueJson(ctx.env, repo, issue) };
  }),
  route("PATCH /repos/{owner}/{repo}/issues/{issue_number}", (ctx) => {
    const { repo, issue } = issueAt(ctx, "write");
    if (Array.isArray(ctx.body.labels)) {
      issue.labels = [];
      ctx.state.addLabels(repo, issue, (ctx.body.labels as (string | { name: string })[]).map((l) => (typeof l === "string" ? l : l.name)));
    }
    editIssue(ctx, repo, issue);
    return { status: 200, json: issueJson(ctx.env, repo, issue) };
  }),
  route("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", (ctx) => {
    const { repo, issue } = issueAt(ctx, "write");
    // GitHub takes {labels: [...]}, a bare array, names or {name} objects.
    const given = Array.isArray(ctx.raw) ? ctx.raw : typeof ctx.raw === "string" ? [ctx.raw] : ((ctx.body.labels as unknown[]) ?? []);
    const names = given.map((l) => (typeof l === "string" ? l : (l as { name: string }).name));
    ctx.state.addLabels(repo, issue, names);
    ctx.event(repo, { type: "issues.labeled", number: issue.number, labels: names });
    return { status: 200, json: issue.labels.map((name) => labelJson(ctx.env, repo, repo.labels.get(name.toLowerCase())!)) };
  }),
];

const labelRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/labels", (ctx) => {
    const repo = ctx.repoWith("issues", "write");
    const name = ctx.str("name")!;
    if (repo.labels.has(name.toLowerCase())) throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    const label = { id: ctx.state.nextId(), name, color: (ctx.str("color") ?? "ededed").replace(/^#/, ""), description: ctx.str("description") ?? null };
    repo.labels.set(name.toLowerCase(), label);
    return { status: 201, json: labelJson(ctx.env, repo, label) };
  }),
  route("GET /repos/{owner}/{repo}/labels/{name}", (ctx) => {
    const repo = ctx.repoWith("issues", "read");
    const label = repo.labels.get(ctx.params.name!.toLowerCase());
    if (!label) throw notFound();
    return { status: 200, json: labelJson(ctx.env, repo, label) };
  }),
];

const commentRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
    const { repo, issue } = issueAt(ctx, "write");
    checkLength("IssueComment", ctx.body, { body: MAX_BODY });
    const id = ctx.state.addComment(repo, issue, ctx.str("body")!, ctx.user());
    ctx.event(repo, { type: "issue_comment.created", number: issue.number, commentId: id });
    return { status: 201, json: commentJson(ctx.env, repo, repo.comments.get(id)!) };
  }),
  route("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
    const { repo, issue } = issueAt(ctx, "read");
    const since = ctx.query.get("since");
    const comments = issue.commentIds.map((id) => repo.comments.get(id)!).filter((c) => !since || c.updatedAt >= since);
    return ctx.list(comments, (c) => commentJson(ctx.env, repo, c));
  }),
  route("GET /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const { repo, comment } = commentAt(ctx, "read");
    return { status: 200, json: commentJson(ctx.env, repo, comment) };
  }),
  route("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const { repo, comment } = commentAt(ctx, "write");
    checkLength("IssueComment", ctx.body, { body: MAX_BODY });
    Object.assign(comment, { body: ctx.str("body")!, updatedAt: ctx.state.now() });
    ctx.event(repo, { type: "issue_comment.edited", number: comment.issueNumber, commentId: comment.id });
    return { status: 200, json: commentJson(ctx.env, repo, comment) };
  }),
  route("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const { repo, comment } = commentAt(ctx, "write");
    repo.comments.delete(comment.id);
    const issue = repo.issues.get(comment.issueNumber)!;
    issue.commentIds = issue.commentIds.filter((id) => id !== comment.id);
    ctx.event(repo, { type: "issue_comment.deleted", number: comment.issueNumber, commentId: comment.id });
    return { status: 204 };
  }),
];

/** Adds a reaction once per user and content: 201 when new, 200 with the existing one otherwise. */
function react(ctx: Context, repo: Repo, reactions: Reaction[], where: { number: number; commentId?: number }) {
  const user = ctx.user();
  const content = ctx.str("content") as ReactionContent;
  const existing = reactions.find((r) => r.user.id === user.id && r.content === content);
  if (existing) return { status: 200, json: reactionJson(ctx.env, existing) };
  const reaction: Reaction = { id: ctx.state.nextId(), user, content, createdAt: ctx.state.now() };
  reactions.push(reaction);
  ctx.event(repo, { type: "reaction.created", content, ...where });
  return { status: 201, json: reactionJson(ctx.env, reaction) };
}

function listReactions(ctx: Context, reactions: Reaction[]) {
  const content = ctx.query.get("content");
  return ctx.list(reactions.filter((r) => !content || r.content === content), (r) => reactionJson(ctx.env, r));
}

const reactionRoutes: Route[] = [
  route("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
    const { repo, comment } = commentAt(ctx, "write");
    return react(ctx, repo, comment.reactions, { number: comment.issueNumber, commentId: comment.id });
  }),
  route("GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
    return listReactions(ctx, commentAt(ctx, "read").comment.reactions);
  }),
  route("POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", (ctx) => {
    const { repo, issue } = issueAt(ctx, "write");
    return react(ctx, repo, issue.reactions, { number: issue.number });
  }),
  route("GET /repos/{owner}/{repo}/issues/{issue_number}/reactions", (ctx) => {
    return listReactions(ctx, issueAt(ctx, "read").issue.reactions);
  }),
];

/** Issues (which include pull requests), comments, labels and reactions. */
export const issuesRoutes: Route[] = [...issueRoutes, ...labelRoutes, ...commentRoutes, ...reactionRoutes];
