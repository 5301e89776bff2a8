import type { ObjectStore } from "./git/objects.ts";

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
  /** The commit email that maps a commit's author to this account. */
  email: string;
}

/** A collaborator's role; `permission` on GitHub folds maintain into write and triage into read. */
export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface Reaction {
  id: number;
  user: User;
  content: ReactionContent;
  createdAt: string;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  createdAt: string;
  updatedAt: string;
  reactions: Reaction[];
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Pull {
  headRef: string;
  /** The head commit when the head branch was last seen (kept after the branch is deleted). */
  headSha: string;
  baseRef: string;
  draft: boolean;
  maintainerCanModify: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: User | null;
  mergeCommitSha: string | null;
  requestedReviewers: User[];
  /** Set when head or base moved; with `mergeability: "lazy"` the next read answers mergeable null. */
  mergeabilityStale: boolean;
}

/** An issue or a pull request: they share one number sequence, and the issues API lists both. */
export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  user: User;
  labels: string[];
  assignees: User[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: User | null;
  commentIds: number[];
  reactions: Reaction[];
  pull?: Pull;
}

export interface Repo {
  id: number;
  owner: User;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
  pushedAt: string;
  git: ObjectStore;
  /** "refs/heads/main" → commit SHA. */
  refs: Map<string, string>;
  issues: Map<number, Issue>;
  comments: Map<number, Comment>;
  /** Lower-cased login → role; the owner is admin without an entry. */
  roles: Map<string, Role>;
  labels: Map<string, Label>;
  /** Branch protection asking for an up-to-date head: only then is a mergeable PR "behind". */
  requireUpToDate: boolean;
}

export type Permissions = Record<string, "read" | "write">;

export interface Installation {
  id: number;
  account: User;
  repositorySelection: "all" | "selected";
  /** Lower-cased full names, for a "selected" installation. */
  repositories: Set<string>;
  permissions: Permissions;
  events: string[];
  createdAt: string;
}

export interface App {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  owner: User;
  bot: User;
  permissions: Permissions;
  events: string[];
  createdAt: string;
}

/** Who a request acts as, from its Authorization header. */
export type Actor =
  | { kind: "app" }
  | { kind: "installation"; installation: Installation; user: User; repositories?: Set<string>; permissions: Permissions }
  | { kind: "user"; user: User };

/** Something a client did through the API, for assertions ("the app opened one PR, reacted once"). */
export interface FakeEvent {
  seq: number;
  type:
    | "ref.created"
    | "ref.updated"
    | "ref.deleted"
    | "pull_request.opened"
    | "pull_request.edited"
    | "pull_request.closed"
    | "pull_request.reopened"
    | "pull_request.review_requested"
    | "issues.opened"
    | "issues.edited"
    | "issues.closed"
    | "issues.reopened"
    | "issues.labeled"
    | "issue_comment.created"
    | "issue_comment.edited"
    | "issue_comment.deleted"
    | "reaction.created";
  repo: string;
  actor: string;
  number?: number;
  commentId?: number;
  ref?: string;
  sha?: string;
  before?: string;
  forced?: boolean;
  content?: string;
  labels?: string[];
  reviewers?: string[];
}
