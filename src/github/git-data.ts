import { HeadscoutError } from "../errors.ts";
import { repoName, type GitHub, type RepoRef } from "./repo.ts";

export interface CommitRequest {
  /** The commit the new one builds on. */
  parent: string;
  /** Files to write, by path, as UTF-8 text. */
  files: Record<string, string>;
  message: string;
}

/**
 * One atomic commit through the git data API: blobs → a tree on the parent's tree → a commit.
 * Nothing is visible on any branch until a ref is moved to it.
 */
export async function createCommit(github: GitHub, repo: RepoRef, request: CommitRequest): Promise<string> {
  try {
    const { data: parent } = await github.rest.git.getCommit({ ...repo, commit_sha: request.parent });
    const tree = await Promise.all(
      Object.entries(request.files).map(async ([path, content]) => {
        const { data: blob } = await github.rest.git.createBlob({ ...repo, content: Buffer.from(content, "utf8").toString("base64"), encoding: "base64" });
        return { path, mode: "100644" as const, type: "blob" as const, sha: blob.sha };
      }),
    );
    const { data: newTree } = await github.rest.git.createTree({ ...repo, base_tree: parent.tree.sha, tree });
    const { data: commit } = await github.rest.git.createCommit({ ...repo, message: request.message, tree: newTree.sha, parents: [request.parent] });
    return commit.sha;
  } catch (error) {
    throw new HeadscoutError(`cannot commit to ${repoName(repo)}`, { cause: error });
  }
}

/** The commit a branch points at, or undefined when there is no such branch. */
export async function readBranchHead(github: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw new HeadscoutError(`cannot read branch ${branch} of ${repoName(repo)}`, { cause: error });
  }
}

/**
 * Points a bot branch at a commit: creates it, or moves it. `expected` is the head the caller last
 * saw: when the branch moved since (another replica, a human push), the move is refused rather
 * than clobbering it — the caller decides what to do.
 */
export async function moveBranch(github: GitHub, repo: RepoRef, branch: string, sha: string, expected: string | undefined): Promise<void> {
  const current = await readBranchHead(github, repo, branch);
  if (current !== expected) throw new BranchMovedError(repo, branch, expected, current);
  try {
    if (current === undefined) await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    else await github.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  } catch (error) {
    if ((error as { status?: number }).status === 422) throw new BranchMovedError(repo, branch, expected, undefined, error);
    throw new HeadscoutError(`cannot move branch ${branch} of ${repoName(repo)}`, { cause: error });
  }
}

export class BranchMovedError extends HeadscoutError {
  override name = "BranchMovedError";
  constructor(repo: RepoRef, branch: string, expected: string | undefined, found: string | undefined, cause?: unknown) {
    super(`branch ${branch} of ${repoName(repo)} moved (expected ${expected?.slice(0, 7) ?? "no branch"}, found ${found?.slice(0, 7) ?? "another change"})`, { cause });
  }
}
