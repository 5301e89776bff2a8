import { describe, expect, it } from "vitest";
import { catalogFixture, deliver, pulls, REPO, useWorlds } from "./harness.ts";

const worlds = useWorlds();

/** A catalog with one thing `catalog lint` reports: a 2024-11-01 row below a 2024-10-25 one. */
const catalogWithProblem = catalogFixture.replace("2024-04-24", "2024-11-01");

async function installedLater(files: Record<string, Record<string, string>>) {
  const fake = await worlds.fake();
  for (const [name, repoFiles] of Object.entries(files)) fake.state.seedRepo({ owner: "octo-lab", repo: name, files: repoFiles, installed: false });
  const app = await worlds.app(fake);
  return { fake, app };
}

describe("installation → onboarding pull request", () => {
  it("opens one pull request adding a commented .github/headscout.yml where a catalog is found, saying what headscout found; nothing elsewhere", async () => {
    const world = await installedLater({ catalog: { "README.md": catalogWithProblem }, notes: { "README.md": "# Notes\n\nJust some text.\n" } });
    await deliver(world, world.fake.act.install("octo-lab", ["catalog", "notes"]));

    const [pr, ...others] = pulls(world.fake);
    expect(others).toEqual([]);
    expect(pr!.title).toBe("Set up headscout");
    expect(pr!.user.login).toBe("headscout[bot]");
    const config = world.fake.state.readFile(REPO, pr!.pull!.headRef, ".github/headscout.yml")!;
    expect(config).toMatch(/^# headscout:/);
    expect(config).toContain("catalog:\n  path: README.md");
    expect(config).toContain("# or per-paper");
    // The pull request adds the config and changes nothing else.
    expect(world.fake.state.readFile(REPO, pr!.pull!.headRef, "README.md")).toBe(catalogWithProblem);

    expect(pr!.body).toContain("an HTML table with **6 papers**");
    expect(pr!.body).toMatch(/`headscout catalog lint` finds 1 thing\(s\) worth a look/);
    expect(pr!.body).toContain("2024-11-01 comes after the older 2024-10-25");
    expect(pr!.body).toMatch(/Merge this pull request\*\* to turn on scheduled scans/);
    expect(pr!.body).toContain("@headscout scan");

    expect([...world.fake.state.repo("octo-lab/notes").issues.values()]).toEqual([]);
    expect(world.fake.state.repo("octo-lab/notes").refs.size).toBe(1);
  });

  it("never opens it again once closed unmerged, when the repository is added to the installation again", async () => {
    const world = await installedLater({ catalog: { "README.md": catalogFixture } });
    await deliver(world, world.fake.act.install("octo-lab", ["catalog"]));
    const [pr] = pulls(world.fake);
    expect(pr!.body).toContain("`headscout catalog lint` finds no problems in it.");

    await deliver(world, world.fake.act.closePull(REPO, pr!.number, "octo-lab"));
    await deliver(world, world.fake.act.addRepositories("octo-lab", ["catalog"]));
    expect(pulls(world.fake)).toHaveLength(1);
    expect(world.fake.events.filter((e) => e.type === "pull_request.opened")).toHaveLength(1);
  });

  it("leaves a repository that already has .github/headscout.yml alone", async () => {
    const world = await installedLater({ catalog: { "README.md": catalogFixture, ".github/headscout.yml": "catalog:\n  path: README.md\n" } });
    await deliver(world, world.fake.act.install("octo-lab", ["catalog"]));
    expect(pulls(world.fake)).toEqual([]);
  });
});
