import { describe, expect, it } from "vitest";
import { diffInsertions } from "../../../src/scan/diff-insertions.ts";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import { catalogFixture, command, CONFIG, deliver, fakeArxiv, MAINTAINER, pulls, replyOn, REPO, thisWeek, twin, useWorlds } from "./harness.ts";

const worlds = useWorlds();

describe("pullRequests.mode: per-paper", () => {
  it("opens one pull request per relevant paper, each inserting only its own entry", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}pullRequests:\n  mode: per-paper\n` });
    fakeArxiv([...thisWeek, twin]);
    const { issue } = await command(world, "@headscout scan");

    const opened = pulls(world.fake);
    expect(opened.map((p) => p.title).sort()).toEqual([
      "Add paper: RazorAttention: Efficient KV Cache Compression Through Retrieval Heads",
      `Add paper: ${twin.title}`,
    ]);
    for (const pr of opened) {
      const marker = parseProposalMarker(pr.body ?? "")!;
      expect(marker.mode).toBe("per-paper");
      expect(marker.papers).toHaveLength(1);
      expect(pr.pull!.headRef).toMatch(/^headscout\/paper-/);
      const inserted = diffInsertions(catalogFixture, world.fake.state.readFile(REPO, pr.pull!.headRef, "README.md")!).flatMap((b) => b.lines).join("\n");
      const title = pr.title.replace("Add paper: ", "");
      expect(inserted).toContain(title);
      expect(inserted).not.toContain(opened.find((o) => o !== pr)!.title.replace("Add paper: ", ""));
    }
    const reply = replyOn(world.fake, issue);
    for (const pr of opened) expect(reply).toContain(`opened #${pr.number} (1 paper)`);

    // Asked again, it opens nothing more: each paper is in its own open pull request.
    await command(world, "@headscout scan");
    expect(pulls(world.fake)).toHaveLength(2);
  });

  it("merging one rebuilds the other on the new base, so it merges too and the catalog gets both rows", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG}pullRequests:\n  mode: per-paper\n` });
    fakeArxiv([...thisWeek, twin]);
    await command(world, "@headscout scan");
    const [first, second] = pulls(world.fake);

    const merged = world.fake.act.mergePull(REPO, first!.number, MAINTAINER, "squash");
    await deliver(world, merged.pullRequest);
    await deliver(world, merged.push);
    const main = world.fake.state.resolveCommit(world.fake.state.repo(REPO), "main")!;
    expect(world.fake.state.listCommits(REPO, second!.pull!.headRef)[0]!.parents).toEqual([main]);

    world.fake.act.mergePull(REPO, second!.number, MAINTAINER, "squash");
    const catalog = world.fake.state.readFile(REPO, "main", "README.md")!;
    expect(diffInsertions(catalogFixture, catalog).flatMap((b) => b.lines).join("\n")).toContain(twin.title);
    expect(catalog).toContain("RazorAttention");
    const ledger = JSON.parse(world.fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as { proposals: Record<string, { state: string }> };
    expect(ledger.proposals[first!.number]!.state).toBe("merged");
  });
});
