import { readFileSync } from "node:fs";
import type { z } from "zod";
import { HeadscoutError } from "./errors.ts";
import { dataPath } from "./paths.ts";

/** Reads and validates a file shipped in data/; `what` names it in errors ("head registry"). */
export function readDataFile<T extends z.ZodType>(name: string, schema: T, what: string): z.infer<T> {
  const file = dataPath(name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new HeadscoutError(`Cannot read the ${what} ${file}`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "(top level)"}: ${issue.message}`).join("\n");
    throw new HeadscoutError(`Invalid ${what} ${file}:\n${problems}`, { cause: parsed.error, causeDescribed: true });
  }
  return parsed.data;
}
