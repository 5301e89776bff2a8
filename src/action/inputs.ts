import type { RepoRef } from "../github/repo.ts";

/** What the Action runs with: its inputs and the workflow run's context. */
export interface ActionInputs {
  token: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  repo: RepoRef;
  /** The REST API's root: https://api.github.com, or a GitHub Enterprise Server's `…/api/v3`. */
  apiUrl: string;
  eventName?: string;
}

/**
 * An input as GitHub Actions passes it: `INPUT_<NAME>` with the name upper-cased, hyphens kept
 * (`INPUT_GITHUB-TOKEN`, as JavaScript actions receive it); the underscore spelling too, which a
 * composite action's `env:` can always set. Empty means unset.
 */
export function readInput(env: Record<string, string | undefined>, name: string): string | undefined {
  const upper = name.toUpperCase().replace(/ /g, "_");
  const value = env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, "_")}`];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The inputs, or the problem with them (one line, for the log). */
export function readActionInputs(env: Record<string, string | undefined>): ActionInputs | string {
  const token = readInput(env, "github-token");
  if (!token) return "no github-token input (the default is the workflow's GITHUB_TOKEN: `github-token: ${{ github.token }}`)";
  const full = env.GITHUB_REPOSITORY?.trim() ?? "";
  const [owner, repo, extra] = full.split("/");
  if (!owner || !repo || extra !== undefined) return `GITHUB_REPOSITORY should be owner/name, not ${JSON.stringify(full)}`;
  const openaiApiKey = readInput(env, "openai-api-key");
  const openaiBaseUrl = readInput(env, "openai-base-url");
  return {
    token,
    repo: { owner, repo },
    apiUrl: (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, ""),
    ...(openaiApiKey ? { openaiApiKey } : {}),
    ...(openaiBaseUrl ? { openaiBaseUrl } : {}),
    ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
  };
}
