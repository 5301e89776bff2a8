import { Octokit } from "@octokit/rest";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { describeError } from "../../../src/errors.ts";
import { createBranchLedgerStore, STATE_BRANCH, type LedgerOctokit } from "../../../src/github/ledger/branch-store.ts";
import { recordDelivery } from "../../../src/github/ledger/record-delivery.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { updateLedger } from "../../../src/github/ledger/store.ts";
import { fakeGitData } from "../helpers/nock-git-data.ts";

const TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
const repo = { owner: "acme", repo: "heads" };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = (): LedgerOctokit => new Octokit({ auth: TOKEN, log: quiet });
// The installation client the app is given: Probot's, whose retry and throttling plugins are off here (they wait in real time).
const probotOctokit = (): LedgerOctokit => new ProbotOctokit({ auth: { token: TOKEN }, log: quiet, retry: { enabled: false }, throttle: { enabled: false } });
const deliver = (id: string) => (ledger: Parameters<typeof recordDelivery>[0]) => void recordDelivery(ledger, id);

describe("the ledger on the headscout-state branch", () => {
  it("without the branch, the ledger is empty; the first write creates the branch with ledger.json and a README, in one commit that skips CI", async () => {
    const git = fakeGitData("acme", "heads");
    const store = createBranchLedgerStore(probotOctokit(), repo);
    expect(await store.read()).toEqual({ ledger: emptyLedger(), version: null });

    await updateLedger(store, deliver("d-1"), "headscout: scheduled scan");
    expect(git.requests.map((r) => r.call)).toEqual([
      "GET /repos/acme/heads/git/ref/heads%2Fheadscout-state",
      "GET /repos/acme/heads/git/ref/heads%2Fheadscout-state",
      "POST /repos/acme/heads/git/blobs",
      "POST /repos/acme/heads/git/trees",
      "POST /repos/acme/heads/git/commits",
      "POST /repos/acme/heads/git/refs",
    ]);
    expect(git.requests[4]!.body).toMatchObject({ message: "headscout: scheduled scan [skip ci]", parents: [] });
    expect(git.requests[5]!.body).toEqual({ ref: "refs/heads/headscout-state", sha: git.head(STATE_BRANCH) });
    expect(JSON.parse(git.file(STATE_BRANCH, "ledger.json")!)).toMatchObject({ version: 1, deliveries: ["d-1"] });
    expect(git.file(STATE_BRANCH, "README.md")).toContain("safe to edit by hand");
    expect(git.problems).toEqual([]);
  });

  it("a second write fast-forwards the branch on top of the first, keeping the README", async () => {
    const git = fakeGitData("acme", "heads");
    const store = createBranchLedgerStore(octokit(), repo);
    await updateLedger(store, deliver("d-1"), "scan 1");
    const first = git.head(STATE_BRANCH)!;
    git.requests.length = 0;

    await updateLedger(createBranchLedgerStore(octokit(), repo), deliver("d-2"), "scan 2");
    expect(git.requests.map((r) => r.call)).toEqual([
      "GET /repos/acme/heads/git/ref/heads%2Fheadscout-state",
      `GET /repos/acme/heads/git/commits/${first}`,
      expect.stringMatching(/^GET \/repos\/acme\/heads\/git\/trees\/\w{40}$/),
      expect.stringMatching(/^GET \/repos\/acme\/heads\/git\/blobs\/\w{40}$/),
      "POST /repos/acme/heads/git/blobs",
      "POST /repos/acme/heads/git/trees",
      "POST /repos/acme/heads/git/commits",
      "PATCH /repos/acme/heads/git/refs/heads%2Fheadscout-state",
    ]);
    expect(git.requests[5]!.body).toMatchObject({ base_tree: git.requests[2]!.call.split("/").pop() });
    expect(git.requests[6]!.body).toMatchObject({ parents: [first] });
    expect(git.requests.at(-1)!.body).toEqual({ sha: git.head(STATE_BRANCH), force: false });
    expect(git.history(STATE_BRANCH).map((c) => c.message)).toEqual(["scan 2 [skip ci]", "scan 1 [skip ci]"]);
    expect(git.file(STATE_BRANCH, "README.md")).toContain("headscout-state");
    expect(JSON.parse(git.file(STATE_BRANCH, "ledger.json")!).deliveries).toEqual(["d-1", "d-2"]);
    expect(git.problems).toEqual([]);
  });

  it("when the branch moved between read and write (422 not a fast forward), re-reads and re-applies: both writers' changes survive", async () => {
    const git = fakeGitData("acme", "heads");
    await updateLedger(createBranchLedgerStore(octokit(), repo), deliver("d-0"), "scan 0");
    const replicaB = createBranchLedgerStore(octokit(), repo);
    let raced = false;
    git.beforeRefWrite = async () => {
      if (raced) return;
      raced = true;
      await updateLedger(replicaB, deliver("from-b"), "replica b");
    };
    let runs = 0;
    await updateLedger(createBranchLedgerStore(octokit(), repo), (l) => void (runs++, recordDelivery(l, "from-a")), "replica a");

    expect(runs).toBe(2);
    expect(git.requests.filter((r) => r.call.startsWith("PATCH")).length).toBe(3);
    expect(JSON.parse(git.file(STATE_BRANCH, "ledger.json")!).deliveries).toEqual(["d-0", "from-b", "from-a"]);
    expect(git.history(STATE_BRANCH).map((c) => c.message)).toEqual(["replica a [skip ci]", "replica b [skip ci]", "scan 0 [skip ci]"]);
    expect(git.problems).toEqual([]);
  });

  it("two replicas creating the branch at once: one gets 'Reference already exists', and both changes land", async () => {
    const git = fakeGitData("acme", "heads");
    const [a, b] = [createBranchLedgerStore(octokit(), repo), createBranchLedgerStore(probotOctokit(), repo)];
    await Promise.all([updateLedger(a, deliver("from-a"), "a"), updateLedger(b, deliver("from-b"), "b")]);
    expect(JSON.parse(git.file(STATE_BRANCH, "ledger.json")!).deliveries.sort()).toEqual(["from-a", "from-b"]);
    expect(git.history(STATE_BRANCH)).toHaveLength(2);
    expect(git.problems).toEqual([]);
  });

  it("builds on a maintainer's hand edit, and names the key when an edit breaks the format", async () => {
    const git = fakeGitData("acme", "heads");
    const store = createBranchLedgerStore(octokit(), repo);
    await updateLedger(store, deliver("d-1"), "scan 1");
    const edited = JSON.parse(git.file(STATE_BRANCH, "ledger.json")!);
    edited.windows = { arxiv: "2026-05-01T00:00:00Z" };
    git.push(STATE_BRANCH, { "ledger.json": JSON.stringify(edited) }, "Search May again");

    await updateLedger(store, deliver("d-2"), "scan 2");
    expect(JSON.parse(git.file(STATE_BRANCH, "ledger.json")!)).toMatchObject({ windows: { arxiv: "2026-05-01T00:00:00Z" }, deliveries: ["d-1", "d-2"] });

    edited.windows = { arxiv: "May" };
    const bad = git.push(STATE_BRANCH, { "ledger.json": JSON.stringify(edited) }, "oops");
    const error = await updateLedger(store, deliver("d-3"), "scan 3").catch((e: unknown) => e);
    expect(describeError(error)).toBe(
      `ledger.json on branch headscout-state of acme/heads (commit ${bad}) is not a valid ledger; fix or revert the last edit:\n  - windows.arxiv: expected an ISO 8601 instant such as 2026-06-01T00:00:00.000Z`,
    );
    expect(git.head(STATE_BRANCH)).toBe(bad);
  });

  it("a ledger.json deleted by hand starts the memory afresh on top of the branch", async () => {
    const git = fakeGitData("acme", "heads");
    git.push(STATE_BRANCH, { "notes.md": "kept" }, "a branch without a ledger");
    const store = createBranchLedgerStore(octokit(), repo);
    expect((await store.read()).ledger).toEqual(emptyLedger());
    await updateLedger(store, deliver("d-1"), "scan");
    expect(git.file(STATE_BRANCH, "notes.md")).toBe("kept");
    expect(git.history(STATE_BRANCH)).toHaveLength(2);
  });

  it("names the repository and the step that failed, chains GitHub's answer, and never shows the token", async () => {
    const git = fakeGitData("acme", "heads");
    git.failNext("GET", "/git/ref/", 500, "Server Error");
    const read = await createBranchLedgerStore(octokit(), repo).read().catch((e: unknown) => e);
    expect(describeError(read)).toMatch(/^cannot read branch headscout-state of acme\/heads \(HTTP 500\)\n {2}caused by: Server Error/);

    git.failNext("POST", "/git/commits", 403, "Resource not accessible by integration");
    const write = await updateLedger(createBranchLedgerStore(octokit(), repo), deliver("d"), "scan").catch((e: unknown) => e);
    expect(describeError(write)).toMatch(/^cannot commit the ledger for ledger\.json on branch headscout-state of acme\/heads \(HTTP 403\)\n {2}caused by: Resource not accessible by integration/);
    expect(describeError(write)).not.toContain(TOKEN);
    expect(JSON.stringify(write)).not.toContain(TOKEN);
    expect(git.head(STATE_BRANCH)).toBeUndefined();
  });
});
