import { formatConfigIssues } from "../config/load.ts";
import { configSchema, type Config } from "../config/schema.ts";
import { describeError } from "../errors.ts";
import type { GitHub, RepoRef } from "./repo.ts";

export const CONFIG_PATH = ".github/headscout.yml";

export type RepoConfig =
  | { kind: "missing"; config: Config }
  | { kind: "valid"; config: Config }
  | { kind: "invalid"; problems: string[] };

/**
 * The repository's `.github/headscout.yml`, read with Probot's config loader (so `_extends`
 * works) and validated by the same zod schema as the CLI's. No file means the defaults; a file
 * that does not validate gives the problems, one line per key path.
 */
export async function readRepoConfig(github: GitHub, repo: RepoRef): Promise<RepoConfig> {
  let raw: Record<string, unknown>;
  let found: boolean;
  try {
    const { config, files } = await github.config.get({ ...repo, path: CONFIG_PATH });
    raw = config;
    found = files.some((f) => f.config !== null);
  } catch (error) {
    // The loader fails on YAML it cannot read, or an _extends it cannot follow.
    return { kind: "invalid", problems: [describeError(error).split("\n")[0]!] };
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", problems: formatConfigIssues(parsed.error.issues) };
  return { kind: found ? "valid" : "missing", config: parsed.data };
}
