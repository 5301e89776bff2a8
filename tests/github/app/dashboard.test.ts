import { describe, expect, it } from "vitest";
import { DASHBOARD_TITLE } from "../../../src/github/dashboard/render-dashboard.ts";
import { parseProposalMarker } from "../../../src/github/proposal/index.ts";
import { catalogFixture, command, dashboards, deliver, editIssueBody, fakeArxiv, ledgerOf, MAINTAINER, OUTSIDER, pulls, REPO, setIssueState, steppingClock, useWorlds } from "./harness.ts";

const worlds = useWorlds();
const TALKING = "arxiv:2003.02436";
/** Talking-Heads Attention is judged irrelevant by the offline classifier with a relevance of 0.23: a near miss above a floor of 0.2. */
const CONFIG = "sources:\n  openreview:\n    enabled: false\ndashboard:\n  nearMissFloor: 0.2\n";
const tick = (body: string, key: string) => body.split("\n").map((line) => (line.includes(`headscout:near-miss "${key}"`) ? line.replace("- [ ]", "- [x]") : line)).join("\n");

describe("the dashboard issue", () => {
  it("is opened after the first scan and updated after the next, never a second one; turned off, none", async () => {
    const clock = steppingClock();
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": CONFIG }, { now: clock.now });
    fakeArxiv();
    await command(world, "@headscout scan");
    const [dashboard] = dashboards(world.fake);
    expect(dashboards(world.fake)).toHaveLength(1);
    expect(dashboard!.title).toBe(DASHBOARD_TITLE);
    expect(dashboard!.body).toContain("| arXiv | 2026-11-20 12:00 UTC (a command) | ✅ ok |");
    expect(dashboard!.body).toContain("- #2 — grouped, 1 paper");
    expect(dashboard!.body).toContain("- [ ] [Talking-Heads Attention](https://arxiv.org/abs/2003.02436)");

    clock.advance(2 * 60 * 60_000);
    await command(world, "@headscout scan");
    expect(dashboards(world.fake)).toHaveLength(1);
    expect(dashboards(world.fake)[0]!.body).toContain("last rewritten 2026-11-20 14:00 UTC");

    const off = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": `${CONFIG.replace("nearMissFloor: 0.2", "enabled: false")}` });
    await command(off, "@headscout scan");
    expect(dashboards(off.fake)).toEqual([]);
  });

  it("ticking a near miss proposes it (a pull request is opened for it), counted as an add; the dashboard is rendered again", async () => {
    const clock = steppingClock();
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": CONFIG }, { now: clock.now });
    fakeArxiv();
    await command(world, "@headscout scan");
    const [first] = pulls(world.fake);
    // The scan's pull request merged: the ticked paper gets a pull request of its own.
    const merged = world.fake.act.mergePull(REPO, first!.number, MAINTAINER);
    await deliver(world, merged.pullRequest);
    await deliver(world, merged.push);
    clock.advance(10 * 60_000);

    const { number, body } = dashboards(world.fake)[0]!;
    // An outsider's tick does nothing.
    await deliver(world, editIssueBody(world.fake, number, tick(body!, TALKING), OUTSIDER));
    expect(pulls(world.fake)).toHaveLength(1);
    editIssueBody(world.fake, number, body!, OUTSIDER);

    await deliver(world, editIssueBody(world.fake, number, tick(body!, TALKING), MAINTAINER));
    const opened = pulls(world.fake).filter((p) => p.number !== first!.number);
    expect(opened).toHaveLength(1);
    expect(parseProposalMarker(opened[0]!.body!)!.papers).toEqual([TALKING]);
    expect(opened[0]!.body).toContain("proposed by maria with the dashboard: triage judged it irrelevant");
    expect(world.fake.state.readFile(REPO, opened[0]!.pull!.headRef, "README.md")).toContain("Talking-Heads Attention");
    expect(ledgerOf(world.fake).papers[TALKING]).toMatchObject({ state: "proposed", proposal: opened[0]!.number });
    expect(ledgerOf(world.fake).commands.map((c) => c.kind)).toEqual(["scan", "add"]);

    const after = dashboards(world.fake)[0]!.body!;
    expect(after).not.toContain(`headscout:near-miss "${TALKING}"`);
    expect(after).toContain(`#${opened[0]!.number}`);
    expect(after).toContain("> **Talking-Heads Attention** (arxiv:2003.02436): proposed in &#x23;&#x200B;");
    expect(dashboards(world.fake)).toHaveLength(1);
  });

  it("closed by a person: not updated after the next scan; reopened, updated again", async () => {
    const clock = steppingClock();
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": CONFIG }, { now: clock.now });
    fakeArxiv();
    await command(world, "@headscout scan");
    const { number, body } = dashboards(world.fake)[0]!;
    setIssueState(world.fake, number, "closed", MAINTAINER);

    clock.advance(2 * 60 * 60_000);
    await command(world, "@headscout scan");
    expect(dashboards(world.fake)).toHaveLength(1);
    expect(dashboards(world.fake)[0]!.body).toBe(body);
    expect(dashboards(world.fake)[0]!.state).toBe("closed");

    setIssueState(world.fake, number, "open", MAINTAINER);
    clock.advance(2 * 60 * 60_000);
    await command(world, "@headscout scan");
    expect(dashboards(world.fake)).toHaveLength(1);
    expect(dashboards(world.fake)[0]!.body).toContain("last rewritten 2026-11-20 16:00 UTC");
  });
});
