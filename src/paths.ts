import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, where data/ and prompts/ live. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function dataPath(...parts: string[]): string {
  return join(packageRoot, "data", ...parts);
}

export function promptPath(...parts: string[]): string {
  return join(packageRoot, "prompts", ...parts);
}
