import type { GitHubState } from "../state.ts";

/** What every response shape needs: the state, and the fake's API and web roots (GHE's layout). */
export interface ShapeEnv {
  state: GitHubState;
  /** "http://127.0.0.1:PORT/api/v3" */
  api: string;
  /** "http://127.0.0.1:PORT" */
  html: string;
}

/** A node_id in GitHub's legacy form: base64 of "04:User1" for User 1. */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${String(kind.length).padStart(2, "0")}:${kind}${id}`).toString("base64");
}

/** `{field: suffix}` → `{field: base + suffix}`: the many *_url fields GitHub prints for one object. */
export function urls(base: string, suffixes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(suffixes).map(([k, v]) => [k, base + v]));
}
