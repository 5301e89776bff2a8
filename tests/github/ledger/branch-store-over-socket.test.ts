import { describe, expect, it } from "vitest";
import { createBranchLedgerStore, STATE_BRANCH } from "../../../src/github/ledger/branch-store.ts";
import { recordDelivery } from "../../../src/github/ledger/record-delivery.ts";
import { updateLedger } from "../../../src/github/ledger/store.ts";
import { octokitFor, seedCatalog, useFakeGitHub } from "../../helpers/fake-github/testing.ts";

const fake = useFakeGitHub();

describe("the ledger branch on the fake GitHub server", () => {
  it("three replicas writing at once over real sockets: every change lands, each in its own commit on headscout-state", async () => {
    const f = fake();
    const { owner, repo } = seedCatalog(f, "ledger-race");
    const token = f.installationToken(`${owner}/${repo}`);
    const replicas = [1, 2, 3].map(() => createBranchLedgerStore(octokitFor(f, token), { owner, repo }));

    await Promise.all(replicas.map((store, i) => updateLedger(store, (l) => void recordDelivery(l, `delivery-${i + 1}`), `replica ${i + 1}`)));

    // They raced: the losers' ref writes were refused and redone on the winner's commit.
    const refWrites = f.requests.filter((r) => r.route?.startsWith("/repos/{owner}/{repo}/git/refs"));
    expect(refWrites.filter((r) => r.status === 422).length).toBeGreaterThan(0);
    const full = `${owner}/${repo}`;
    expect(JSON.parse(f.state.readFile(full, STATE_BRANCH, "ledger.json")!).deliveries.sort()).toEqual(["delivery-1", "delivery-2", "delivery-3"]);
    const commits = f.state.listCommits(full, STATE_BRANCH);
    expect(commits).toHaveLength(3);
    expect(commits.every((c) => c.message.endsWith("[skip ci]") && c.author?.login === "headscout[bot]")).toBe(true);
    expect(f.state.readFile(full, "main", "ledger.json")).toBeUndefined();

    // A new app instance (a restart) reads what the others wrote.
    const restarted = createBranchLedgerStore(octokitFor(f, token), { owner, repo });
    expect((await restarted.read()).ledger.deliveries).toHaveLength(3);
  });
});
