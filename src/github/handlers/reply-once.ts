import type { GitHub, RepoRef } from "../repo.ts";

/**
 * Posts a reply on an issue or pull request unless the app already posted one with the same
 * hidden marker there: "one polite reply per thread", however often someone tries.
 */
export async function replyOnce(github: GitHub, repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<boolean> {
  const tag = `<!-- headscout:${marker} -->`;
  const comments = await github.paginate(github.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  if (comments.some((c) => c.user?.type === "Bot" && c.body?.includes(tag))) return false;
  await github.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: `${body}\n\n${tag}` });
  return true;
}
