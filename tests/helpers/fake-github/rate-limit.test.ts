import { createProbot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "./index.ts";
import { failure, seedCatalog, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();

type Throttle = { throttle?: Record<string, unknown>; retry?: Record<string, unknown> };

/**
 * An installation octokit from Probot with the throttling and retry plugins on, their waits
 * scaled from seconds to milliseconds (retryAfterBaseValue 1) so no test waits in real time.
 */
async function probotOctokit(f: FakeGitHub, repo: string, throttle: Record<string, unknown> = {}) {
  const Octokit = ProbotOctokit.defaults((o: Throttle) => ({
    ...o,
    throttle: { ...o.throttle, retryAfterBaseValue: 1, ...throttle },
    retry: { ...o.retry, retryAfterBaseValue: 1 },
  }));
  const probot = createProbot({ env: { ...f.env, LOG_LEVEL: "fatal" }, overrides: { Octokit } });
  return probot.auth(f.state.installationFor(f.state.repo(`octo-lab/${repo}`))!.id);
}

describe("fake GitHub: rate limits and injected failures", () => {
  it("sends GitHub's x-ratelimit-* headers, counted per credential", async () => {
    const { octokit, owner, repo } = seedCatalog(fake(), "headers");
    const first = await octokit.repos.get({ owner, repo });
    const second = await octokit.repos.get({ owner, repo });
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(first.headers["x-ratelimit-remaining"]) - Number(second.headers["x-ratelimit-remaining"])).toBe(1);
    expect(Number(first.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    expect(first.headers["x-github-request-id"]).toMatch(/^FAKE:/);
  });

  it("fails the next request with a secondary rate limit (retry-after), which the throttling plugin waits out", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "secondary");
    f.failNext({ kind: "secondary-rate-limit", method: "GET", route: "/repos/{owner}/{repo}", retryAfter: 3 });
    const plain = await failure(octokit.repos.get({ owner, repo }));
    expect(plain).toMatchObject({ status: 403, data: { message: expect.stringMatching(/^You have exceeded a secondary rate limit/), status: "403" } });

    const onSecondaryRateLimit = (retryAfter: number) => retryAfter === 3;
    const probot = await probotOctokit(f, repo, { onSecondaryRateLimit });
    f.failNext({ kind: "secondary-rate-limit", route: "/repos/{owner}/{repo}", retryAfter: 3 });
    expect((await probot.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(f.requests.filter((r) => r.path === `/repos/${owner}/${repo}`).map((r) => [r.status, r.injected ?? null])).toEqual([
      [403, "secondary-rate-limit"],
      [403, "secondary-rate-limit"],
      [200, null],
    ]);
  });

  it("fails with 5xx a given number of times (the retry plugin retries) and with a primary limit (reset ahead)", async () => {
    const f = fake();
    const { owner, repo } = seedCatalog(f, "errors");
    const octokit = await probotOctokit(f, repo, { onRateLimit: () => true });
    f.failNext({ kind: "server-error", route: /\/issues$/, times: 2 });
    expect((await octokit.rest.issues.listForRepo({ owner, repo })).status).toBe(200);
    f.failNext({ kind: "rate-limit", route: "/repos/{owner}/{repo}/pulls", retryAfter: 0 });
    expect((await octokit.rest.pulls.list({ owner, repo })).status).toBe(200);
    const seen = f.requests.filter((r) => r.path.startsWith(`/repos/${owner}/${repo}/`)).map((r) => [r.route, r.status]);
    expect(seen).toEqual([
      ["/repos/{owner}/{repo}/issues", 500],
      ["/repos/{owner}/{repo}/issues", 500],
      ["/repos/{owner}/{repo}/issues", 200],
      ["/repos/{owner}/{repo}/pulls", 403],
      ["/repos/{owner}/{repo}/pulls", 200],
    ]);
  });

  it("shows Probot's own default: a secondary limit is logged, not retried", async () => {
    const f = fake();
    const { owner, repo } = seedCatalog(f, "probot-default");
    const probot = createProbot({ env: { ...f.env, LOG_LEVEL: "fatal" } });
    const octokit = await probot.auth(f.state.installationFor(f.state.repo(`${owner}/${repo}`))!.id);
    f.failNext({ kind: "secondary-rate-limit", route: "/repos/{owner}/{repo}" });
    expect((await failure(octokit.rest.repos.get({ owner, repo }))).status).toBe(403);
  });
});
