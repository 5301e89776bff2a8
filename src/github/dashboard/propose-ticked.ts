import { takeSlot } from "../commands/handlers/index.ts";
import { proposeNow, type ProposeNowRequest } from "../commands/handlers/propose-now.ts";
import type { RepoState } from "../commands/handlers/context.ts";
import { parsePaperRef, type PaperRef } from "../commands/paper-ref.ts";
import { isNearMiss } from "./dashboard-data.ts";

/**
 * The near misses a maintainer newly ticked on the dashboard, proposed as an `add` each (counted by
 * the hourly limit): only keys that are still near misses in the ledger. Returns the notes the
 * dashboard shows next (plain text: it escapes them), where each went or why not.
 */
export async function proposeTicked(request: Omit<ProposeNowRequest, "how">, state: RepoState, ticked: readonly string[], describe: (error: unknown) => string): Promise<string[]> {
  const refs = ticked.filter((key) => isNearMiss(state.ledger, key, state.config.dashboard.nearMissFloor)).flatMap((key) => parsePaperRef(key) ?? []) as PaperRef[];
  if (refs.length === 0) return [];
  const refusal = await takeSlot(state, "add", request.environment.now(), refs.length);
  if (refusal) return [refusal];
  const lines = await proposeNow({ ...request, how: "the dashboard" }, state, refs).catch((error: unknown) => [`Proposing the ticked papers failed: ${describe(error)}`]);
  // The reply's list marks and code spans dropped.
  return lines.map((line) => line.replace(/^- /, "").replace(/`/g, ""));
}
