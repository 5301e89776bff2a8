import { HeadscoutError } from "../errors.ts";
import { repoName, type GitHub, type RepoRef } from "./repo.ts";

/** A file's bytes at a ref, or undefined when the repository has no such file. */
export async function readRepoFile(github: GitHub, repo: RepoRef, path: string, ref: string): Promise<Uint8Array | undefined> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file") throw new HeadscoutError(`${repoName(repo)}: ${path} is not a file`);
    return Buffer.from(data.content, "base64");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    if (error instanceof HeadscoutError) throw error;
    throw new HeadscoutError(`cannot read ${path} at ${ref} in ${repoName(repo)}`, { cause: error });
  }
}
