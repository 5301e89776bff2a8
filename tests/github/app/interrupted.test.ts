import { describe, expect, it } from "vitest";
import { recordInterruptedScan } from "../../../src/github/ledger/record-interrupted.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { renderDashboard } from "../../../src/github/dashboard/render-dashboard.ts";
import { commentOn, fakeArxiv, heldArxiv, ledgerOf, OPERATOR_ENV, pulls, replyOn, useWorlds, waitFor } from "./harness.ts";

const worlds = useWorlds();

describe("a stop whose grace ran out while a scan was running", () => {
  it("records the scan as interrupted and lets go of its claim: a restarted app scans at once, over the same window", async () => {
    const world = await worlds.world(undefined, { instanceId: "stopping" });
    const arxiv = heldArxiv();
    const asked = commentOn(world.fake, "@headscout scan");
    await world.fake.sendWebhook(world.app.webhookUrl, asked.delivery);
    await arxiv.searching;
    const windowsBefore = ledgerOf(world.fake).windows;
    expect(ledgerOf(world.fake).claim?.by).toBe("stopping");

    await world.app.handle.interrupt();
    const ledger = ledgerOf(world.fake);
    expect(ledger.claim).toBeUndefined();
    expect(ledger.scans).toEqual([expect.objectContaining({ trigger: "command", interrupted: true })]);
    expect(ledger.windows).toEqual(windowsBefore);

    // The process is gone; its successor answers the next command with a scan, not "already running".
    const restarted = await worlds.app(world.fake, { instanceId: "restarted", env: { ...OPERATOR_ENV, ARXIV_API_URL: "https://arxiv-restarted.test/api/query" } });
    fakeArxiv(undefined, "https://arxiv-restarted.test");
    const again = commentOn(world.fake, "@headscout scan");
    await world.fake.sendWebhook(restarted.webhookUrl, again.delivery);
    await restarted.handle.jobs.idle();
    expect(replyOn(world.fake, again.issue)).toContain(`opened #${pulls(world.fake)[0]!.number} (1 paper)`);

    arxiv.release();
    await waitFor(() => world.app.handle.jobs.size === 0);
  });
});

describe("recordInterruptedScan", () => {
  const at = new Date("2026-11-20T12:00:00Z");

  it("does nothing once the claim is not the scan's own (it finished, or another replica took it over)", () => {
    const ledger = emptyLedger();
    expect(recordInterruptedScan(ledger, { at, trigger: "schedule", by: "a" })).toBe(false);
    ledger.claim = { by: "b", until: "2026-11-20T12:30:00.000Z", origin: "the schedule", job: "scan|o/r|tick|1" };
    expect(recordInterruptedScan(ledger, { at, trigger: "schedule", by: "a", job: "scan|o/r|tick|1" })).toBe(false);
    expect(ledger.scans).toEqual([]);
    expect(ledger.claim.by).toBe("b");
  });

  it("shows on the dashboard as interrupted, with the last completed scan's figures beside it", () => {
    const ledger = emptyLedger();
    ledger.claim = { by: "a", until: "2026-11-20T12:30:00.000Z", origin: "the schedule" };
    expect(recordInterruptedScan(ledger, { at, trigger: "schedule", by: "a" })).toBe(true);
    const body = renderDashboard({ ledger, now: at, nearMissFloor: 0.3 });
    expect(body).toContain("started by the schedule: **interrupted** (the app stopped before it finished); the next scan searches its window again.");
    expect(body).not.toContain("Last completed scan");
  });
});
