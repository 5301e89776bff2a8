import type { Context, Reply } from "./context.ts";

/**
 * How a route authenticates: "app" routes take the app's JWT, "installation" routes an access
 * token the fake issued (or a test user's token), as on GitHub.
 */
export type RouteAuth = "app" | "installation";

export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The path exactly as GitHub's OpenAPI description spells it: the key to its schemas and docs. */
  template: string;
  auth: RouteAuth;
  handle(ctx: Context): Reply | Promise<Reply>;
}

/**
 * A route from "METHOD /template" in GitHub's own spelling; it takes an installation (or test
 * user) token unless `auth` says "app".
 */
export function route(spec: `${Route["method"]} /${string}`, handle: Route["handle"], auth: RouteAuth = "installation"): Route {
  const [method, template] = spec.split(" ") as [Route["method"], string];
  return { method, template, auth, handle };
}

// These parameters may hold slashes (a file path, a branch "headscout/x", "main...feature"), and
// a path may be empty: Octokit asks for the root's contents as ".../contents" (no slash).
const GREEDY = new Set(["path", "ref", "branch", "basehead"]);

/** A template as a regex over the raw (still percent-encoded) path, and how many segments are literal. */
export function compileTemplate(template: string): { regex: RegExp; names: string[]; literals: number } {
  const names: string[] = [];
  const segments = template.split("/");
  const parts = segments.map((segment, i) => {
    const m = /^\{(\w+)\}$/.exec(segment);
    if (!m) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    names.push(m[1]!);
    return GREEDY.has(m[1]!) && i === segments.length - 1 ? "(?:/(.*))?" : "/([^/]+)";
  });
  return { regex: new RegExp(`^${parts.slice(1).join("")}$`), names, literals: segments.length - names.length };
}

export interface Matched {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  readonly #routes: (Route & ReturnType<typeof compileTemplate>)[] = [];

  add(...routes: Route[]): this {
    for (const r of routes) this.#routes.push({ ...r, ...compileTemplate(r.template) });
    return this;
  }

  get routes(): readonly Route[] {
    return this.#routes;
  }

  /**
   * The most specific route for a path: more literal segments win ("/issues/comments/{id}" over
   * "/issues/{issue_number}"), then fewer parameters ("/branches" over "/branches/{branch}" with
   * its optional tail).
   */
  match(method: string, rawPath: string): Matched | undefined {
    let best: Matched | undefined;
    let bestScore = -Infinity;
    for (const r of this.#routes) {
      const score = r.literals * 100 - r.names.length;
      if (r.method !== method || score <= bestScore) continue;
      const m = r.regex.exec(rawPath);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? "")));
      best = { route: r, params };
      bestScore = score;
    }
    return best;
  }
}
