import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { runScanCommand, type ScanCommandDeps } from "../../src/cli/commands/scan.ts";
import type { CliIo } from "../../src/cli/io.ts";
import type { RedrawTimer } from "../../src/cli/progress/terminal-progress.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { projectRoot } from "../helpers/shared.ts";
import { fakeTerminal } from "../cli/progress/fake-terminal.ts";
import { ARXIV, fixture, seenRequest } from "../sources/helpers.ts";

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };
const PAGES: Record<string, string> = { "0": "query-page-1.xml", "2": "query-page-2.xml", "4": "query-page-3.xml" };
const WINDOW = ["--since", "2026-06-01", "--until", "2026-06-02"];

/** A catalog, and a config that searches arXiv with one query in pages of two (OpenReview off). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "headscout-progress-"));
  copyFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), join(dir, "README.md"));
  writeFileSync(
    join(dir, "headscout.yml"),
    'sources:\n  arxiv:\n    phrases: ["attention head"]\n    combinations: []\n    pageSize: 2\n  openreview:\n    enabled: false\n',
  );
  return dir;
}

/** arXiv faked for `runs` scans: three pages each. */
function fakeArxiv(runs: number) {
  nock(ARXIV)
    .get("/api/query")
    .query(true)
    .times(3 * runs)
    .reply((arg: string) => [200, fixture("arxiv", PAGES[seenRequest(arg, ARXIV).url.searchParams.get("start")!]!), ATOM]);
}

/** One scan with a fresh manual clock (no real waits); stderr is a plain function (not a terminal) unless a stream is given. */
async function scan(dir: string, flags: string[], extra: { stream?: CliIo["stderrStream"]; progress?: ScanCommandDeps["progress"] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir, ...(extra.stream ? { stderrStream: extra.stream } : {}) };
  const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
  const deps: ScanCommandDeps = { clock, random: () => 0.5, ...(extra.progress ? { progress: extra.progress } : {}) };
  const code = await runScanCommand(["--config", "headscout.yml", "--catalog", "README.md", ...WINDOW, ...flags], io, deps);
  return { code, out: out.join(""), err: err.join("") };
}

describe("headscout scan's progress", () => {
  it("piped: plain lines on stderr (arXiv's pages and its spacing waits), and stdout as without progress", async () => {
    const dir = workspace();
    fakeArxiv(2);
    const shown = await scan(dir, []);
    const quiet = await scan(dir, ["--no-progress"]);
    expect(shown.code).toBe(0);
    expect(shown.err).toBe(
      [
        "[0:00] arXiv: searching (1 query)",
        "[0:00] OpenReview: unavailable (turned off by sources.openreview.enabled)",
        "[0:00] arXiv: page 1 (2 papers so far); waiting 3.0 s for arXiv's request spacing",
        "[0:03] arXiv: page 2 (4 papers so far); waiting 3.0 s for arXiv's request spacing",
        "[0:06] arXiv: page 3 (5 papers so far)",
        "[0:06] arXiv: ok: 3 requests, 3 pages, 5 papers",
        "[0:06] scan: 5 papers found, 0 already in the catalog, 5 to triage",
        "[0:06] triage: 5 of 5 papers passed the prefilter; judging them with the offline classifier",
        "[0:06] triage: done: 5 relevant, 0 held",
        "[0:06] scan: done in 0:06 (5 new entries)",
        "dry run: README.md is unchanged (add --write to apply)",
        "",
      ].join("\n"),
    );
    expect(quiet.err).toBe("dry run: README.md is unchanged (add --write to apply)\n");
    expect(shown.out).toBe(quiet.out);
    expect(shown.out).toContain("arxiv: ok");
  });

  it("with --json and no terminal, prints nothing extra", async () => {
    const dir = workspace();
    fakeArxiv(1);
    const { code, out, err } = await scan(dir, ["--json"]);
    expect(code).toBe(0);
    expect(err).toBe("dry run: README.md is unchanged (add --write to apply)\n");
    expect(JSON.parse(out)).toMatchObject({ sources: { sources: { arxiv: { status: "ok", pages: 3 } } } });
  });

  it("on a terminal: a block redrawn on stderr's terminal, nothing else on stderr, stdout as without progress", async () => {
    const dir = workspace();
    fakeArxiv(2);
    const terminal = fakeTerminal();
    const ticks: (() => void)[] = [];
    const timer: RedrawTimer = { every: (_ms, tick) => (ticks.push(tick), () => ticks.splice(ticks.indexOf(tick), 1)) };
    const shown = await scan(dir, ["--json"], { stream: terminal.stream, progress: { interactive: true, timer } });
    const quiet = await scan(dir, ["--json", "--no-progress"], { stream: terminal.stream, progress: { interactive: true, timer } });
    expect(ticks).toEqual([]); // the redraw timer is stopped
    expect(shown.err).toBe("dry run: README.md is unchanged (add --write to apply)\n");
    expect(shown.out).toBe(quiet.out);
    expect(terminal.screen()).toEqual([
      "headscout scan · done in 0:06 · 5 new entries",
      "  arXiv       ok · 3 requests · 3 pages · 5 papers",
      "  OpenReview  unavailable (turned off by sources.openreview.enabled)",
      "  catalog     5 papers found · 0 already listed",
      "  triage      offline · 5 papers · 5 relevant · 0 held",
    ]);
  });
});
