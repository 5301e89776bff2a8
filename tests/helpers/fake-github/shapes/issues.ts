import type { Comment, Issue, Label, Pull, Reaction, Repo, User } from "../model.ts";
import { repoJson, userJson } from "./accounts.ts";
import { nodeId, type ShapeEnv } from "./env.ts";
import { diffEntries, fileTotals } from "./git.ts";

function authorAssociation(repo: Repo, user: User): string {
  if (user.id === repo.owner.id) return "OWNER";
  const role = repo.roles.get(user.login.toLowerCase());
  return role && role !== "none" ? "COLLABORATOR" : "NONE";
}

const CONTENTS = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"] as const;

function reactionRollup(url: string, reactions: Reaction[]): Record<string, unknown> {
  const counts = Object.fromEntries(CONTENTS.map((c) => [c, reactions.filter((r) => r.content === c).length]));
  return { url: `${url}/reactions`, total_count: reactions.length, ...counts };
}

export function labelJson(env: ShapeEnv, repo: Repo, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${env.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

function labelsOf(env: ShapeEnv, repo: Repo, issue: Issue) {
  return issue.labels.map((name) => labelJson(env, repo, repo.labels.get(name.toLowerCase())!));
}

export function reactionJson(env: ShapeEnv, reaction: Reaction): Record<string, unknown> {
  return { id: reaction.id, node_id: nodeId("Reaction", reaction.id), user: userJson(env, reaction.user), content: reaction.content, created_at: reaction.createdAt };
}

export function issueJson(env: ShapeEnv, repo: Repo, issue: Issue): Record<string, unknown> {
  const api = `${env.api}/repos/${repo.fullName}`;
  const url = `${api}/issues/${issue.number}`;
  const html = `${env.html}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  return {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    timeline_url: `${url}/timeline`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(env, issue.user),
    labels: labelsOf(env, repo, issue),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? userJson(env, issue.assignees[0]) : null,
    assignees: issue.assignees.map((u) => userJson(env, u)),
    milestone: null,
    comments: issue.commentIds.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? userJson(env, issue.closedBy) : null,
    author_association: authorAssociation(repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    reactions: reactionRollup(url, issue.reactions),
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    ...(issue.pull
      ? {
          draft: issue.pull.draft,
          pull_request: { url: `${api}/pulls/${issue.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: issue.pull.mergedAt },
        }
      : {}),
  };
}

/** The base commit a PR is compared with: the base branch's tip (the head, should the branch be gone). */
export function pullBase(repo: Repo, pull: Pull): string {
  return repo.refs.get(`refs/heads/${pull.baseRef}`) ?? pull.headSha;
}

/** A PR's files: its head against the merge base with its base, as GitHub's "Files changed". */
export function pullFiles(env: ShapeEnv, repo: Repo, pull: Pull): Record<string, unknown>[] {
  const git = repo.git;
  const mergeBase = git.mergeBase(pullBase(repo, pull), pull.headSha) ?? pullBase(repo, pull);
  return diffEntries(env, repo, git.commit(mergeBase)!.tree, git.commit(pull.headSha)!.tree, pull.headSha);
}

function branchSide(env: ShapeEnv, repo: Repo, ref: string, sha: string) {
  return { label: `${repo.owner.login}:${ref}`, ref, sha, user: userJson(env, repo.owner), repo: repoJson(env, repo) };
}

/**
 * A pull request: the list shape, or the single-PR shape with mergeability and counts; "pending"
 * is the single shape with mergeable null, as a new PR's response and webhooks carry it (GitHub
 * computes mergeability in the background).
 */
export function pullJson(env: ShapeEnv, repo: Repo, issue: Issue, mode: "list" | "full" | "pending"): Record<string, unknown> {
  const pull = issue.pull!;
  const api = `${env.api}/repos/${repo.fullName}`;
  const url = `${api}/pulls/${issue.number}`;
  const html = `${env.html}/${repo.fullName}/pull/${issue.number}`;
  const baseSha = pullBase(repo, pull);
  const links = {
    self: url,
    html,
    issue: `${api}/issues/${issue.number}`,
    comments: `${api}/issues/${issue.number}/comments`,
    review_comments: `${url}/comments`,
    review_comment: `${api}/pulls/comments{/number}`,
    commits: `${url}/commits`,
    statuses: `${api}/statuses/${pull.headSha}`,
  };
  const json: Record<string, unknown> = {
    url,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: links.issue,
    commits_url: links.commits,
    review_comments_url: links.review_comments,
    review_comment_url: links.review_comment,
    comments_url: links.comments,
    statuses_url: links.statuses,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(env, issue.user),
    body: issue.body,
    labels: labelsOf(env, repo, issue),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? userJson(env, issue.assignees[0]) : null,
    assignees: issue.assignees.map((u) => userJson(env, u)),
    requested_reviewers: pull.requestedReviewers.map((u) => userJson(env, u)),
    requested_teams: [],
    head: branchSide(env, repo, pull.headRef, pull.headSha),
    base: branchSide(env, repo, pull.baseRef, baseSha),
    _links: Object.fromEntries(Object.entries(links).map(([k, href]) => [k, { href }])),
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
  if (mode === "list") return json;
  const files = pullFiles(env, repo, pull);
  return {
    ...json,
    merged: pull.merged,
    ...(mode === "full" ? env.state.mergeability(repo, issue) : { mergeable: null, rebaseable: null, mergeable_state: "unknown" }),
    merged_by: pull.mergedBy ? userJson(env, pull.mergedBy) : null,
    comments: issue.commentIds.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: repo.git.commitsBetween(baseSha, pull.headSha).length,
    ...fileTotals(files),
    changed_files: files.length,
  };
}

export function commentJson(env: ShapeEnv, repo: Repo, comment: Comment): Record<string, unknown> {
  const api = `${env.api}/repos/${repo.fullName}`;
  const url = `${api}/issues/comments/${comment.id}`;
  const issue = repo.issues.get(comment.issueNumber)!;
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url,
    html_url: `${env.html}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(env, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(repo, comment.user),
    performed_via_github_app: null,
    reactions: reactionRollup(url, comment.reactions),
  };
}
