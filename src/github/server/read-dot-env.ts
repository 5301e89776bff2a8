import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/** The variables in `./.env` (where Probot reads them from), or none when there is no such file. */
export function readDotEnv(path = ".env"): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  return parseEnv(text) as Record<string, string>;
}
