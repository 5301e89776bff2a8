import { afterEach, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../helpers/fake-github/index.ts";
import { command, fakeArxiv, startWorld, type RunningApp } from "./harness.ts";

let world: { fake: FakeGitHub; app: RunningApp } | undefined;
afterEach(async () => {
  await world?.app.close();
  await world?.fake.close();
  world = undefined;
});

describe("GET /health", () => {
  it("says the server is up, and how each source fared in the last scan", async () => {
    world = await startWorld();
    const url = world.app.webhookUrl.replace("/api/github/webhooks", "/health");
    const before = (await (await fetch(url)).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ status: "ok", queue: { kind: "in-process" }, scansSinceStart: 0, jobsRunning: 0, sources: {} });

    fakeArxiv();
    await command(world, "@headscout scan");
    const after = (await (await fetch(url)).json()) as { sources: Record<string, { status: string; reason?: string }> };
    expect(after).toMatchObject({ scansSinceStart: 1, sources: { arxiv: { status: "ok" }, openreview: { status: "unavailable" } } });
  });
});
