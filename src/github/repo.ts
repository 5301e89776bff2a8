import type { ProbotOctokit } from "probot";

/** The Octokit every GitHub call goes through: an installation's, with Probot's retry and throttling plugins. */
export type GitHub = ProbotOctokit;

/** A repository by owner and name. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function repoName(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}
