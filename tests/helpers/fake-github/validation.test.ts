import { describe, expect, it } from "vitest";
import { operation, requestValidator, responseValidator } from "./openapi.ts";
import { Router } from "./router.ts";
import { appAuthRoutes } from "./routes/app-auth.ts";
import { gitDataRoutes } from "./routes/git-data.ts";
import { issuesRoutes } from "./routes/issues.ts";
import { pullsRoutes } from "./routes/pulls.ts";
import { repositoryRoutes } from "./routes/repos.ts";
import { Tokens } from "./auth.ts";
import { commitAsApp, failure, seedCatalog, takeRejected, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();
const routes = new Router().add(...appAuthRoutes(new Tokens()), ...repositoryRoutes, ...gitDataRoutes, ...issuesRoutes, ...pullsRoutes).routes;

describe("fake GitHub: faithful to GitHub's OpenAPI description", () => {
  it("serves only routes GitHub has, each with the description's schemas", () => {
    for (const r of routes) {
      expect(operation(r.method, r.template), `${r.method} ${r.template}`).toBeDefined();
      expect(() => requestValidator(r.method, r.template)).not.toThrow();
    }
    expect(requestValidator("POST", "/repos/{owner}/{repo}/git/trees")).toBeDefined();
    const pull = responseValidator("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", 200)!;
    expect(pull({ number: 1 })).toBe(false);
    expect(pull.errors?.map((e) => e.params)).toContainEqual({ missingProperty: "head" });
  });

  it("refuses a body GitHub's schema refuses, in GitHub's words, and records it", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "bodies");
    await commitAsApp(octokit, { owner, repo, branch: "headscout/v" }, { "V.md": "v\n" });
    // Octokit's types would refuse these bodies: the route as a plain string lets them through.
    const untyped = (route: string, params: Record<string, unknown>) => octokit.request(route, params);
    const noHead = await failure(untyped("POST /repos/{owner}/{repo}/pulls", { owner, repo, base: "main", title: "t" }));
    expect(noHead).toEqual({
      status: 422,
      data: {
        message: 'Invalid request.\n\n"head" wasn\'t supplied.',
        errors: ["(body) must have required property 'head'"],
        documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        status: "422",
      },
    });
    const draft = await failure(untyped("POST /repos/{owner}/{repo}/pulls", { owner, repo, head: "headscout/v", base: "main", title: "t", draft: "yes" }));
    expect(draft.data.message).toBe(`Invalid request.\n\nFor 'properties/draft', "yes" is not a boolean.`);
    const reaction = await failure(untyped("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { owner, repo, comment_id: 1, content: "eyess" }));
    expect(reaction.data.message).toBe(`Invalid request.\n\nFor 'properties/content', "eyess" is not a member of ["+1","-1","laugh","confused","heart","hooray","rocket","eyes"].`);
    const badJson = await fetch(`${f.apiUrl}/repos/${owner}/${repo}/issues`, { method: "POST", headers: { authorization: `token ${f.installationToken(`${owner}/${repo}`)}` }, body: "{title" });
    expect([badJson.status, ((await badJson.json()) as { message: string }).message]).toEqual([400, "Problems parsing JSON"]);

    expect(f.rejected.map((r) => [r.reason, r.route, r.status])).toEqual([
      ["schema", "/repos/{owner}/{repo}/pulls", 422],
      ["schema", "/repos/{owner}/{repo}/pulls", 422],
      ["schema", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", 422],
      ["json", "/repos/{owner}/{repo}/issues", 400],
    ]);
    expect(f.events).toEqual([expect.objectContaining({ type: "ref.created" })]);
    expect(takeRejected(f)).toHaveLength(4);
  });

  it("answers an unknown route 404 in GitHub's body and records it, naming GitHub's route when there is one", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "unknown");
    const merge = await failure(octokit.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { owner, repo, pull_number: 1 }));
    expect(merge).toEqual({ status: 404, data: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } });
    await failure(octokit.request("GET /no/such/thing"));
    await fetch(`${f.url}/repos/${owner}/${repo}`);
    expect(f.unhandled).toEqual([
      { method: "PUT", path: `/api/v3/repos/${owner}/${repo}/pulls/1/merge`, githubRoute: "/repos/{owner}/{repo}/pulls/{pull_number}/merge" },
      { method: "GET", path: "/api/v3/no/such/thing", githubRoute: null },
      { method: "GET", path: `/repos/${owner}/${repo}`, githubRoute: null },
    ]);
    f.unhandled.length = 0;
  });
});
