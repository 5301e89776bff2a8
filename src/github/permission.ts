import type { GitHub, RepoRef } from "./repo.ts";

// `permission` never says "maintain" (a maintainer reads as "write"); `role_name` does.
const MAY_COMMAND = new Set(["admin", "maintain", "write"]);

/**
 * Whether a user may command headscout in a repository (and so spend its operator's LLM budget):
 * admin, maintain or write access, as GitHub reports it now — not the comment's
 * author_association, which says nothing of access for organisation members.
 */
export async function mayCommand(github: GitHub, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return MAY_COMMAND.has(data.role_name);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
