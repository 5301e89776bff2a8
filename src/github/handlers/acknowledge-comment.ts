import type { GitHub, RepoRef } from "../repo.ts";

/**
 * Puts 👀 on a comment at once, and says whether this is the first time: GitHub answers 201 for a
 * new reaction and 200 for one the app had already left. So the reaction is also the marker of a
 * redelivered webhook, across restarts and replicas: a second delivery of the same comment finds
 * its 👀 and does nothing.
 */
export async function acknowledgeComment(github: GitHub, repo: RepoRef, commentId: number): Promise<boolean> {
  const { status } = await github.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content: "eyes" });
  return status === 201;
}
