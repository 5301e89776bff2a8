import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "./index.ts";

export const CATALOG = ["# Awesome Attention Heads", "", "## Paper List", "", "- 2024-10-25 Not All Heads Matter", "- 2024-06-01 Induction heads revisited", ""].join("\n");
export const CONFIG = "catalog:\n  path: README.md\n";

/** A plain Octokit (no retries, no throttling) on the fake with the given token. */
export function octokitFor(fake: FakeGitHub, token: string): Octokit {
  return new Octokit({ baseUrl: fake.apiUrl, auth: token, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/**
 * One fake per test file, and after each test the fake's own checks: it refused nothing as
 * malformed, met no unknown route and printed only responses in GitHub's shapes — unless the
 * test itself set out to provoke a refusal (it empties `fake.rejected` after asserting it).
 */
export function useFakeGitHub(options: FakeGitHubOptions = {}): () => FakeGitHub {
  let fake: FakeGitHub | undefined;
  beforeAll(async () => {
    fake = await startFakeGitHub(options);
  });
  afterAll(async () => {
    await fake?.close();
  });
  afterEach(() => {
    // Emptied as they are checked, so one test's leftovers do not fail the tests after it.
    const f = fake!;
    expect({ unhandled: f.unhandled.splice(0), responseProblems: f.responseProblems.splice(0), rejected: f.rejected.splice(0) }).toEqual({
      unhandled: [],
      responseProblems: [],
      rejected: [],
    });
  });
  return () => fake!;
}

/** A catalog repository with the app installed, and an Octokit acting as the installation. */
export function seedCatalog(fake: FakeGitHub, repo: string, files: Record<string, string> = {}): { octokit: Octokit; owner: string; repo: string } {
  fake.state.seedRepo({ owner: "octo-lab", repo, files: { "README.md": CATALOG, ".github/headscout.yml": CONFIG, ...files } });
  return { octokit: octokitFor(fake, fake.installationToken(`octo-lab/${repo}`)), owner: "octo-lab", repo };
}

/** The app's way to commit: tree on the base commit's tree → commit → create (or fast-forward) the branch. */
export async function commitAsApp(
  octokit: Octokit,
  target: { owner: string; repo: string; branch: string; from?: string },
  files: Record<string, string>,
  message = "headscout: update catalog",
): Promise<string> {
  const { owner, repo, branch } = target;
  const existing = await octokit.git.getRef({ owner, repo, ref: `heads/${branch}` }).catch(() => undefined);
  const parent = existing?.data.object.sha ?? (await octokit.git.getRef({ owner, repo, ref: `heads/${target.from ?? "main"}` })).data.object.sha;
  const baseTree = (await octokit.git.getCommit({ owner, repo, commit_sha: parent })).data.tree.sha;
  const entries = Object.entries(files).map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content }));
  const tree = await octokit.git.createTree({ owner, repo, base_tree: baseTree, tree: entries });
  const commit = await octokit.git.createCommit({ owner, repo, message, tree: tree.data.sha, parents: [parent] });
  if (existing) await octokit.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha });
  else await octokit.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

/** The reasons of the refusals a test provoked on purpose, cleared so the after-each check passes. */
export function takeRejected(fake: FakeGitHub): string[] {
  return fake.rejected.splice(0).map((r) => r.reason);
}

/** The status of a request expected to fail, and GitHub's error body. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response?: { data: Record<string, unknown> } };
    return { status: e.status, data: e.response?.data ?? {} };
  }
  throw new Error("the request succeeded");
}
