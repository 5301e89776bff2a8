import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { runSources } from "../../src/cli/commands/sources.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { ARXIV, fixture, seenRequest } from "./helpers.ts";

function fakeIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

const deps = () => ({ clock: createManualClock(Date.parse("2026-06-03T12:00:00Z")), random: () => 0.5 });

function configFile(text: string): { dir: string; name: string } {
  const dir = mkdtempSync(join(tmpdir(), "headscout-sources-"));
  writeFileSync(join(dir, "headscout.yml"), text);
  return { dir, name: "headscout.yml" };
}

describe("headscout sources", () => {
  it("prints papers and report as JSON for the window, reading the config relative to the working directory", async () => {
    const queries: string[] = [];
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .reply((arg: string) => {
        queries.push(seenRequest(arg, ARXIV).url.searchParams.get("search_query")!);
        return [200, fixture("arxiv", "query-page-1.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>2<")];
      });
    const { dir, name } = configFile("sources:\n  arxiv:\n    phrases: [attention head]\n    combinations: []\n    categories: [cs.CL]\n");
    const { io, out, err } = fakeIo({}, dir);
    const code = await runSources(["--since", "2026-06-01", "--until", "2026-06-02", "--config", name], io, deps());

    expect(code).toBe(0);
    expect(err()).toBe("");
    expect(queries).toEqual([
      '(ti:"attention head" OR abs:"attention head") AND submittedDate:[202606010000 TO 202606022359] AND (cat:cs.CL)',
    ]);
    const output = JSON.parse(out()) as { papers: { ids: { arxiv: string } }[]; report: Record<string, any> };
    expect(output.papers.map((p) => p.ids.arxiv)).toEqual(["2606.01234", "2606.01102"]);
    expect(output.report.window).toEqual({ from: "2026-06-01T00:00:00.000Z", to: "2026-06-02T23:59:00.000Z" });
    expect(output.report.sources.arxiv).toMatchObject({ status: "ok", papers: 2 });
    expect(output.report.sources.openreview).toMatchObject({ status: "unavailable" });
  });

  it("runs to now when --until is left out", async () => {
    nock(ARXIV)
      .get("/api/query")
      .query((q) => String(q.search_query).includes("submittedDate:[202606020000 TO 202606031200]"))
      .reply(200, fixture("arxiv", "query-page-2-empty.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>0<"));
    const { dir, name } = configFile("sources:\n  arxiv:\n    phrases: [attention head]\n    combinations: []\n");
    const { io, out } = fakeIo({}, dir);
    expect(await runSources(["--since", "2026-06-02", "--config", name], io, deps())).toBe(0);
    expect(JSON.parse(out()).report.sources.arxiv.status).toBe("empty");
  });

  it("still prints the JSON but exits 1 when a source failed", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "malformed-truncated.xml"));
    const { dir, name } = configFile("sources:\n  arxiv:\n    phrases: [attention head]\n    combinations: []\n");
    const { io, out, err } = fakeIo({}, dir);
    expect(await runSources(["--since", "2026-06-01", "--until", "2026-06-02", "--config", name], io, deps())).toBe(1);
    expect(JSON.parse(out()).report.sources.arxiv.status).toBe("failed");
    expect(err()).toMatch(/arxiv failed: arXiv sent a malformed feed for GET https:\/\/export\.arxiv\.org/);
  });

  it("explains bad arguments in one line, with the usage, and exits 2", async () => {
    const cases: [string[], RegExp][] = [
      [[], /^headscout sources: --since is required$/],
      [["--since", "2026-02-30"], /^headscout sources: --since 2026-02-30 is not a date \(YYYY-MM-DD\)$/],
      [["--since", "2026-99-99"], /^headscout sources: --since 2026-99-99 is not a date/],
      [["--since", "yesterday"], /^headscout sources: --since yesterday is not a date/],
      [["--since", "2026-06-01", "--until", "tomorrow"], /^headscout sources: --until tomorrow is not a date/],
      [["--since", "2026-06-03", "--until", "2026-06-01"], /^headscout sources: --since 2026-06-03 is after --until 2026-06-01$/],
      [["--since", "2026-06-01", "extra"], /^headscout sources: unexpected argument 'extra'$/],
      [["--since", "2026-06-01", "--sinse", "x"], /^headscout sources: Unknown option '--sinse'/],
    ];
    for (const [args, line] of cases) {
      const { io, out, err } = fakeIo();
      expect(await main(["sources", ...args], io), args.join(" ")).toBe(2);
      const [first, blank, usage] = err().split("\n");
      expect(first).toMatch(line);
      expect([blank, usage]).toEqual(["", expect.stringMatching(/^usage: headscout sources --since/)]);
      expect(err()).not.toMatch(/\n\s+at /);
      expect(out()).toBe("");
    }
  });

  it("works through main, the way `headscout sources` is run", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(200, fixture("arxiv", "versions-v1-v2.xml"));
    const { dir, name } = configFile("sources:\n  arxiv:\n    phrases: [successor head]\n    combinations: []\n");
    const { io, out, err } = fakeIo({}, dir);
    // One request only: the real clock never has to wait.
    expect(await main(["sources", "--since", "2026-06-01", "--until", "2026-06-02", "--config", name], io)).toBe(0);
    expect(err()).toBe("");
    expect(JSON.parse(out()).papers).toHaveLength(1);
  });

  it("reports a config problem and an arXiv interval below 3 s through main, without output", async () => {
    const { dir, name } = configFile("sources:\n  arxiv:\n    pageSize: 9000\n");
    const bad = fakeIo({}, dir);
    expect(await main(["sources", "--since", "2026-06-01", "--config", name], bad.io)).toBe(1);
    expect(bad.out()).toBe("");
    expect(bad.err()).toMatch(/^headscout sources: Invalid configuration in .*headscout\.yml:\n {2}- sources\.arxiv\.pageSize/);

    const fast = fakeIo({ ARXIV_INTERVAL_MS: "100" });
    expect(await main(["sources", "--since", "2026-06-01"], fast.io)).toBe(1);
    expect(fast.err()).toMatch(/ARXIV_INTERVAL_MS=100 is below arXiv's limit/);
  });
});
