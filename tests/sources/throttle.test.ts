import nock from "nock";
import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { createThrottle } from "../../src/sources/http/throttle.ts";
import { ARXIV, arxivOnlyConfig, fixture, runSources, seenRequest } from "./helpers.ts";

describe("request spacing", () => {
  it("starts tasks one at a time, each at least the interval after the previous start", async () => {
    const clock = createManualClock(0);
    const throttle = createThrottle(3000, clock);
    const starts: number[] = [];
    let running = 0;
    let overlap = false;
    await Promise.all(
      [0, 1, 2, 3].map(() =>
        throttle.run(async () => {
          overlap ||= running > 0;
          running++;
          starts.push(clock.now());
          await clock.sleep(500); // the request itself
          running--;
        }),
      ),
    );
    expect(overlap).toBe(false);
    expect(starts).toEqual([0, 3000, 6000, 9000]);
  });

  it("spaces arXiv requests of two scans running at once in one process", async () => {
    const asked: number[] = [];
    const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
    const body = fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<");
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .times(2)
      .reply(() => {
        asked.push(clock.now());
        return [200, body];
      });
    await Promise.all([runSources(arxivOnlyConfig(), {}, { clock }), runSources(arxivOnlyConfig(), {}, { clock })]);
    expect(asked).toHaveLength(2);
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(3000);
  });

  it("lets a mirror be asked faster when ARXIV_INTERVAL_MS allows it", async () => {
    const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
    nock("http://mirror.test")
      .get("/api/query")
      .query(true)
      .times(3)
      .reply((arg: string) => {
        const start = seenRequest(arg, "http://mirror.test").url.searchParams.get("start");
        const name = { "0": "query-page-1.xml", "2": "query-page-2.xml", "4": "query-page-3.xml" }[start!]!;
        return [200, fixture("arxiv", name)];
      });
    const { papers } = await runSources(arxivOnlyConfig(), { ARXIV_API_URL: "http://mirror.test/api/query", ARXIV_INTERVAL_MS: "0" }, { clock });
    expect(papers).toHaveLength(5);
    expect(clock.slept).toEqual([]);
  });
});
