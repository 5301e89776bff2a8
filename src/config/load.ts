import { readFile } from "node:fs/promises";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { HeadscoutError } from "../errors.ts";
import { configSchema, type Config } from "./schema.ts";

/**
 * Validates configuration text (YAML). `source` names where it came from (a path, or
 * `owner/repo:.github/headscout.yml`) so that every error says which file is wrong and where.
 */
export function parseConfig(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : "";
    throw new HeadscoutError(`Invalid YAML in ${source}${where}`, { cause: error });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = formatConfigIssues(result.error.issues)
      .map((line) => `  - ${line}`)
      .join("\n");
    // The per-key lines say all zod's error does; its message (JSON of the issues) is not repeated after them.
    throw new HeadscoutError(`Invalid configuration in ${source}:\n${problems}`, { cause: result.error, causeDescribed: true });
  }
  return result.data;
}

/** One line per problem, `key.path: message`, as the CLI prints them and the app's config-error issue quotes them. */
export function formatConfigIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => `${issue.path.length ? issue.path.map(String).join(".") : "(top level)"}: ${issue.message}`);
}

/** Reads and validates a config file; no file given means the defaults. */
export async function loadConfigFile(path: string | undefined): Promise<Config> {
  if (!path) return parseConfig("", "(defaults)");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new HeadscoutError(`Cannot read config file ${path}`, { cause: error });
  }
  return parseConfig(text, path);
}
