import { ProbotOctokit } from "probot";
import type { GitHub } from "../github/repo.ts";

export type OctokitClass = typeof ProbotOctokit;

/**
 * The Octokit the app's code expects (`rest`, `paginate`, `config.get`, with Probot's retry and
 * throttling plugins), authenticated by a token instead of an installation: Probot's auth
 * strategy takes `{ token }` and sends it as `token …`.
 */
export function createActionOctokit(token: string, baseUrl: string, Octokit: OctokitClass = ProbotOctokit): GitHub {
  return new Octokit({ auth: { token }, baseUrl }) as GitHub;
}
