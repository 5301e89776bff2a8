import type { PullRequestsConfig } from "../app-config.ts";
import type { GitHub, RepoRef } from "../repo.ts";

export interface OpenedPullRequest {
  number: number;
  url: string;
}

/** Opens the pull request, then labels it and asks for reviews as the config says. Never merges anything. */
export async function openPullRequest(
  github: GitHub,
  repo: RepoRef,
  request: { head: string; base: string; title: string; body: string },
  config: PullRequestsConfig,
): Promise<OpenedPullRequest> {
  const { data: pr } = await github.rest.pulls.create({ ...repo, ...request, draft: config.draft, maintainer_can_modify: true });
  if (config.labels.length > 0) await github.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels: config.labels });
  if (config.reviewers.length > 0) {
    await github.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: config.reviewers }).catch(() => undefined);
  }
  return { number: pr.number, url: pr.html_url };
}

/** The pull request's title: what a maintainer sees in the list. */
export function proposalTitle(titles: readonly string[]): string {
  if (titles.length === 1) {
    const title = titles[0]!.replace(/\s+/g, " ");
    return `Add paper: ${title.length > 200 ? `${title.slice(0, 199)}…` : title}`;
  }
  return `Add ${titles.length} papers about attention heads`;
}
