import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * `../shared` beside the checkout holds real material (catalog history, eval sets, recorded API
 * responses). A user's clone has none of it, so tests over it skip and say why.
 */
export const sharedRoot = resolve(projectRoot, "..", "shared");
export const hasShared = existsSync(sharedRoot);
export const sharedMissingReason = `skipped: ${sharedRoot} is absent (it only exists beside the developers' checkout)`;

export function sharedPath(...parts: string[]): string {
  return join(sharedRoot, ...parts);
}
