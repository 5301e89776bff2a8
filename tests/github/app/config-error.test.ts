import { describe, expect, it } from "vitest";
import { botComments, catalogFixture, command, CONFIG, deliver, fakeArxiv, MAINTAINER, pulls, replyOn, REPO, useWorlds, type World } from "./harness.ts";

const worlds = useWorlds();
const INVALID = `${CONFIG}pullRequests:\n  mode: sideways\n`;

const errorIssues = (world: World) =>
  [...world.fake.state.repo(REPO).issues.values()].filter((i) => !i.pull && i.title === "headscout: configuration error");

describe("an invalid .github/headscout.yml", () => {
  it("stops scans with a reply and one configuration-error issue quoting the key path; a fixing push closes it", async () => {
    const world = await worlds.world({ "README.md": catalogFixture, ".github/headscout.yml": INVALID });
    const arxiv = fakeArxiv();

    const { issue } = await command(world, "@headscout scan");
    expect(replyOn(world.fake, issue)).toMatch(/headscout cannot scan: `\.github\/headscout\.yml` is invalid/);
    const [error, ...more] = errorIssues(world);
    expect(more).toEqual([]);
    expect(error!.user.login).toBe("headscout[bot]");
    expect(error!.body).toMatch(/^- `pullRequests\.mode`: /m);
    expect(error!.body).toContain("Scheduled scans of this repository are paused");
    expect(arxiv.requests).toBe(0);
    expect(pulls(world.fake)).toEqual([]);

    // Asked again (and on the schedule): the same issue, not a second one; still nothing searched.
    await command(world, "@headscout scan");
    const installation = world.fake.state.installationFor(world.fake.state.repo(REPO))!.id;
    await world.app.handle.scanOnSchedule(installation, { owner: "octo-lab", repo: "catalog" });
    await world.app.handle.jobs.idle();
    expect(errorIssues(world)).toHaveLength(1);
    expect(world.fake.events.filter((e) => e.type === "issues.opened")).toHaveLength(1);
    expect(arxiv.requests).toBe(0);

    await deliver(world, world.fake.act.push(REPO, "main", { ".github/headscout.yml": `${CONFIG}pullRequests:\n  mode: per-paper\n` }, MAINTAINER, "Fix the headscout config"));
    expect(world.fake.state.issue(world.fake.state.repo(REPO), error!.number)!.state).toBe("closed");
    expect(botComments(world.fake, error!.number).at(-1)!.body).toContain("is valid now");

    // And scans work again.
    const after = await command(world, "@headscout scan");
    expect(replyOn(world.fake, after.issue)).toMatch(/opened #\d+ \(1 paper\)/);
    expect(errorIssues(world)).toHaveLength(1);
  });

  it("a config that stops being valid on a push opens the issue at once", async () => {
    const world = await worlds.world();
    await deliver(world, world.fake.act.push(REPO, "main", { ".github/headscout.yml": INVALID }, MAINTAINER));
    expect(errorIssues(world)).toHaveLength(1);
    expect(errorIssues(world)[0]!.body).toContain("`pullRequests.mode`");
  });
});
