import { describe, expect, it } from "vitest";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { windowFor, windowForScan } from "../../../src/github/ledger/window-for.ts";
import { configSchema } from "../../../src/config/schema.ts";

const now = new Date("2026-06-10T06:00:00Z");
const options = { now, firstLookbackDays: 14, overlapDays: 2 };

describe("the next window", () => {
  it.each<[string | undefined, string]>([
    [undefined, "2026-05-27T06:00:00.000Z"],
    ["2026-06-09T06:00:00.000Z", "2026-06-07T06:00:00.000Z"],
    ["2026-06-10T05:00:00.000Z", "2026-06-08T05:00:00.000Z"],
    ["2026-06-11T00:00:00.000Z", "2026-06-09T00:00:00.000Z"],
    ["2026-07-01T00:00:00.000Z", "2026-06-10T06:00:00.000Z"],
  ])("last success %s → from %s to now", (last, from) => {
    const ledger = emptyLedger();
    if (last) ledger.windows.arxiv = last;
    expect(windowFor(ledger, "arxiv", options)).toEqual({ from: new Date(from), to: now });
  });

  it("a scan of several sources starts at the earliest any of them needs; one that cannot run does not hold it back", () => {
    const ledger = emptyLedger();
    ledger.windows.arxiv = "2026-06-09T06:00:00.000Z";
    ledger.windows.openreview = "2026-06-01T06:00:00.000Z";
    const config = configSchema.parse({ schedule: { firstLookbackDays: 14, overlapDays: 2 } });
    expect(windowForScan(ledger, config, { openreviewCredentials: { username: "u", password: "p" } }, now).from.toISOString()).toBe("2026-05-30T06:00:00.000Z");
    expect(windowForScan(ledger, config, {}, now).from.toISOString()).toBe("2026-06-07T06:00:00.000Z");
  });
});
