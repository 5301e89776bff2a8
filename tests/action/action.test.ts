import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { runAction, type ActionDeps } from "../../src/action/run-action.ts";
import { readActionInputs } from "../../src/action/inputs.ts";
import { isDashboardBody } from "../../src/github/dashboard/render-dashboard.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { diffInsertions } from "../../src/scan/diff-insertions.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github/index.ts";
import { catalogFixture, CONFIG, expectWellBehaved, fakeArxiv, OPERATOR_ENV, REPO, thisWeek } from "../github/app/harness.ts";

// Probot's throttling spaces content-creating requests 1–3 s apart, as GitHub asks; against the fake that is only waiting.
const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { ...(options.throttle as object), enabled: false } }));
const NOW = Date.parse("2026-11-20T12:00:00Z");
const deps = (): ActionDeps => ({
  Octokit: Octokit as unknown as ActionDeps["Octokit"],
  now: () => new Date(NOW),
  // The sources' retries and spacing wait on this clock: its sleeps return at once.
  sourcesClock: createManualClock(NOW),
  log: { info: () => undefined, error: () => undefined },
});

let fake: FakeGitHub | undefined;
let dir: string | undefined;
afterEach(async () => {
  try {
    if (fake) expectWellBehaved(fake);
  } finally {
    await fake?.close();
    fake = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  }
});

/** The environment a workflow run gives the Action's step. */
function workflowEnv(f: FakeGitHub, summary: string): Record<string, string> {
  return {
    ...OPERATOR_ENV,
    "INPUT_GITHUB-TOKEN": f.installationToken(REPO),
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: f.apiUrl,
    GITHUB_EVENT_NAME: "schedule",
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_RUN_ID: "7",
  };
}

describe("the GitHub Action", () => {
  it("scans, opens the grouped pull request (insert-only), keeps the ledger, summarises; a second run proposes nothing new", async () => {
    fake = await startFakeGitHub({ slug: "headscout" });
    const [owner, repo] = REPO.split("/") as [string, string];
    fake.state.seedRepo({ owner, repo, files: { "README.md": catalogFixture, ".github/headscout.yml": CONFIG } });
    fakeArxiv(thisWeek);
    dir = mkdtempSync(join(tmpdir(), "headscout-action-"));
    const summary = join(dir, "summary.md");

    const first = await runAction(workflowEnv(fake, summary), deps());
    expect(first.outcome?.kind).toBe("done");
    expect(first.code).toBe(EXIT.ok);

    const pulls = [...fake.state.repo(REPO).issues.values()].filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    const pr = pulls[0]!;
    expect(pr.state).toBe("open");
    const inserted = diffInsertions(fake.state.readFile(REPO, "main", "README.md")!, fake.state.readFile(REPO, pr.pull!.headRef, "README.md")!);
    expect(inserted.flatMap((b) => b.lines).join("\n")).toContain("RazorAttention");

    const ledger = JSON.parse(fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as { scans: { trigger: string }[]; proposals: Record<string, unknown> };
    expect(ledger.scans.map((s) => s.trigger)).toEqual(["action"]);
    expect(Object.keys(ledger.proposals)).toEqual([String(pr.number)]);

    // The dashboard as the app keeps it (on by default): one issue, found again by the second run.
    const dashboards = () => [...fake!.state.repo(REPO).issues.values()].filter((i) => !i.pull && isDashboardBody(i.body ?? ""));
    expect(dashboards()).toHaveLength(1);

    const written = readFileSync(summary, "utf8");
    expect(written).toContain(`## headscout: ${REPO}`);
    expect(written).toContain(first.report);
    expect(first.report).toContain(`#${pr.number}`);

    const second = await runAction(workflowEnv(fake, summary), deps());
    expect(second.outcome?.kind).toBe("done");
    expect(second.code).toBe(EXIT.ok);
    expect([...fake.state.repo(REPO).issues.values()].filter((i) => i.pull)).toHaveLength(1);
    if (second.outcome?.kind === "done") expect(second.outcome.proposals.pullRequests.filter((p) => p.action === "opened")).toEqual([]);
    expect(readFileSync(summary, "utf8")).toContain(second.report);
    expect(dashboards()).toHaveLength(1);

    // A maintainer closes the pull request unmerged: with no webhook, the next run records the rejection.
    fake.act.closePull(REPO, pr.number, "octo-lab");
    const third = await runAction(workflowEnv(fake, summary), deps());
    expect(third.code).toBe(EXIT.ok);
    const after = JSON.parse(fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as { proposals: Record<string, { state: string }>; papers: Record<string, { state: string }> };
    expect(after.proposals[pr.number]?.state).toBe("closed");
    expect(Object.values(after.papers).some((p) => p.state === "rejected")).toBe(true);
    expect([...fake.state.repo(REPO).issues.values()].filter((i) => i.pull && i.state === "open")).toEqual([]);
  });

  it("scans a repository without .github/headscout.yml on the defaults; a failed source exits 1", async () => {
    fake = await startFakeGitHub({ slug: "headscout" });
    const [owner, repo] = REPO.split("/") as [string, string];
    fake.state.seedRepo({ owner, repo, files: { "README.md": catalogFixture } });
    // arXiv down; OpenReview (on by default) has no login here: both fail, the scan still records.
    const nock = (await import("nock")).default;
    nock("https://arxiv.test").get("/api/query").query(true).reply(503, "down").persist();
    dir = mkdtempSync(join(tmpdir(), "headscout-action-"));
    const result = await runAction({ ...workflowEnv(fake, join(dir, "summary.md")), OPENREVIEW_API_URL: "https://openreview.test" }, deps());
    expect(result.outcome?.kind).toBe("done");
    expect(result.code).toBe(EXIT.failed);
    expect(fake.state.readFile(REPO, "headscout-state", "ledger.json")).toBeDefined();
  });

  it("reads the inputs as GitHub Actions passes them", () => {
    expect(readActionInputs({ "INPUT_GITHUB-TOKEN": "t", GITHUB_REPOSITORY: "a/b" })).toMatchObject({ token: "t", repo: { owner: "a", repo: "b" }, apiUrl: "https://api.github.com" });
    expect(readActionInputs({ INPUT_GITHUB_TOKEN: "t", "INPUT_OPENAI-API-KEY": " k ", INPUT_OPENAI_BASE_URL: "", GITHUB_REPOSITORY: "a/b", GITHUB_API_URL: "https://ghe.test/api/v3/" })).toEqual({ token: "t", openaiApiKey: "k", repo: { owner: "a", repo: "b" }, apiUrl: "https://ghe.test/api/v3" });
    expect(readActionInputs({ GITHUB_REPOSITORY: "a/b" })).toMatch(/github-token/);
    expect(readActionInputs({ "INPUT_GITHUB-TOKEN": "t", GITHUB_REPOSITORY: "ab" })).toMatch(/owner\/name/);
  });
});
