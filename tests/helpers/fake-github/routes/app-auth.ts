import type { Tokens } from "../auth.ts";
import type { Context } from "../context.ts";
import { GitHubError, notFound } from "../errors.ts";
import type { Installation, Permissions } from "../model.ts";
import { route, type Route } from "../router.ts";
import { appJson, installationJson, repoJson } from "../shapes/accounts.ts";

function installationAt(ctx: Context): Installation {
  const inst = ctx.state.installations.get(Number(ctx.params.installation_id));
  if (!inst) throw notFound();
  return inst;
}

/** A token may be narrowed to some of the installation's repositories and permissions, never widened. */
function tokenLimits(ctx: Context, inst: Installation): { repositories?: Set<string>; permissions?: Permissions } {
  const reachable = ctx.state.repositoriesOf(inst);
  const names = ctx.body.repositories as string[] | undefined;
  const ids = ctx.body.repository_ids as number[] | undefined;
  let repositories: Set<string> | undefined;
  if (names || ids) {
    const chosen = reachable.filter((r) => names?.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids?.includes(r.id));
    if (chosen.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
      throw new GitHubError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.", { reject: "invalid" });
    }
    repositories = new Set(chosen.map((r) => r.fullName.toLowerCase()));
  }
  const asked = ctx.body.permissions as Permissions | undefined;
  if (asked) {
    const granted = Object.entries(asked).every(([scope, level]) => inst.permissions[scope] === "write" || (level === "read" && inst.permissions[scope] === "read"));
    if (!granted) throw new GitHubError(422, "The permissions requested are not granted to this installation.", { reject: "permission" });
  }
  return { ...(repositories ? { repositories } : {}), ...(asked ? { permissions: asked } : {}) };
}

/** The app's own endpoints (JWT) and the installation's repository list (installation token). */
export function appAuthRoutes(tokens: Tokens): Route[] {
  return [
    route("GET /app", (ctx) => ({ status: 200, json: appJson(ctx.env, ctx.state.app) }), "app"),
    route("GET /app/installations", (ctx) => {
      return ctx.list([...ctx.state.installations.values()], (i) => installationJson(ctx.env, i));
    }, "app"),
    route("GET /app/installations/{installation_id}", (ctx) => ({ status: 200, json: installationJson(ctx.env, installationAt(ctx)) }), "app"),
    route("POST /app/installations/{installation_id}/access_tokens", (ctx) => {
      const inst = installationAt(ctx);
      const limits = tokenLimits(ctx, inst);
      const { token, expiresAt } = tokens.issueInstallationToken(inst, ctx.state.options.clock().getTime(), limits);
      const repos = limits.repositories ? ctx.state.repositoriesOf(inst).filter((r) => limits.repositories!.has(r.fullName.toLowerCase())) : undefined;
      return {
        status: 201,
        json: {
          token,
          expires_at: expiresAt,
          permissions: limits.permissions ?? inst.permissions,
          repository_selection: repos ? "selected" : inst.repositorySelection,
          ...(repos ? { repositories: repos.map((r) => repoJson(ctx.env, r)) } : {}),
        },
      };
    }, "app"),
    route("GET /repos/{owner}/{repo}/installation", (ctx) => {
      const repo = ctx.state.findRepo(ctx.params.owner!, ctx.params.repo!);
      const inst = repo && ctx.state.installationFor(repo);
      if (!inst) throw notFound();
      return { status: 200, json: installationJson(ctx.env, inst) };
    }, "app"),
    route("GET /installation/repositories", (ctx) => {
      if (ctx.actor.kind !== "installation") throw new GitHubError(403, "You must authenticate with an installation access token in order to list repositories for an installation.");
      const a = ctx.actor;
      const repos = ctx.state.repositoriesOf(a.installation).filter((r) => !a.repositories || a.repositories.has(r.fullName.toLowerCase()));
      const { items, headers } = ctx.page(repos);
      return {
        status: 200,
        json: { total_count: repos.length, repository_selection: a.installation.repositorySelection, repositories: items.map((r) => repoJson(ctx.env, r)) },
        headers,
      };
    }),
  ];
}
