import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { runScanCommand } from "../../../src/cli/commands/scan.ts";
import type { CliIo } from "../../../src/cli/io.ts";
import { main } from "../../../src/cli/main.ts";
import { createManualClock } from "../../../src/sources/http/clock.ts";
import { projectRoot } from "../../helpers/shared.ts";
import { ARXIV, fixture, seenRequest } from "../../sources/helpers.ts";

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "headscout-ledger-cli-"));
  copyFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), join(dir, "README.md"));
  copyFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), join(dir, "papers.json"));
  return dir;
}

async function scanJson(dir: string, ...extra: string[]) {
  const run = fakeIo(dir);
  const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
  const code = await runScanCommand(["--catalog", "README.md", "--papers", "papers.json", "--ledger", "state/ledger.json", "--json", ...extra], run.io, { clock });
  return { code, report: JSON.parse(run.out()), err: run.err() };
}

const ledgerAt = (dir: string, file = "state/ledger.json") => JSON.parse(readFileSync(join(dir, file), "utf8"));

describe("headscout scan --ledger", () => {
  it("a second run over the same papers proposes nothing new and judges nothing again", async () => {
    const dir = workspace();
    const first = await scanJson(dir, "--write");
    expect(first.code).toBe(0);
    expect(first.report.proposed.map((d: { entry: { title: string } }) => d.entry.title)).toEqual(["RazorAttention: Efficient KV Cache Compression Through Retrieval Heads"]);
    expect(first.report.triage.counts.papers).toBe(4);
    expect(first.err).toContain("ledger state/ledger.json: 0 papers skipped (decided in earlier scans), 0 from earlier scans tried again; this scan recorded");
    const states = Object.fromEntries(Object.entries(ledgerAt(dir).papers).map(([key, r]) => [key, (r as { state: string }).state]));
    expect(states).toEqual({
      "arxiv:2003.02436": "judged",
      "arxiv:2312.09230": "listed",
      "arxiv:2401.00001": "judged",
      "arxiv:2407.15891": "judged",
      "arxiv:2503.12168": "judged",
    });

    const second = await scanJson(dir, "--write");
    expect(second.code).toBe(0);
    expect(second.report.triage.counts.papers).toBe(0);
    expect(second.report.proposed).toEqual([]);
    expect(second.report.ledger.skipped.map((s: { key: string; reason: string }) => `${s.key}: ${s.reason}`)).toEqual([
      "arxiv:2312.09230: listed in the catalog",
      "arxiv:2003.02436: judged irrelevant on 2026-06-03",
      "arxiv:2503.12168: judged irrelevant on 2026-06-03",
      "arxiv:2401.00001: judged irrelevant on 2026-06-03",
    ]);
    expect(ledgerAt(dir).papers["arxiv:2407.15891"].state).toBe("listed");
    expect(ledgerAt(dir).scans).toHaveLength(2);
  });

  it("in a dry run the relevant paper, never written, is judged again; the irrelevant ones are not", async () => {
    const dir = workspace();
    await scanJson(dir);
    const second = await scanJson(dir);
    expect(second.report.triage.verdicts.map((v: { key: string }) => v.key)).toEqual(["arxiv:2407.15891"]);
    expect(second.report.proposed).toHaveLength(1);
    expect(second.report.ledger.skipped).toHaveLength(4);
  });

  it("without --since, searches from where the ledger's last successful search ended, less the overlap; a failed search keeps that end", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "headscout.yml"), "sources:\n  arxiv: { phrases: [attention head], combinations: [] }\n  openreview: { enabled: false }\nschedule: { overlapDays: 2 }\n");
    writeFileSync(join(dir, "ledger.json"), JSON.stringify({ version: 1, windows: { arxiv: "2026-06-01T00:00:00.000Z" } }));
    const asked: string[] = [];
    const empty = fixture("arxiv", "query-page-2-empty.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>0<");
    const arxiv = (status: number) =>
      nock(ARXIV)
        .get("/api/query")
        .query(true)
        .times(status === 200 ? 1 : 20)
        .reply((arg: string) => {
          asked.push(seenRequest(arg, ARXIV).url.searchParams.get("search_query")!);
          return status === 200 ? [200, empty, { "content-type": "application/atom+xml" }] : [503, "<html>busy</html>"];
        });
    const scan = async (iso: string) => {
      const run = fakeIo(dir);
      const clock = createManualClock(Date.parse(iso));
      const code = await runScanCommand(["--catalog", "README.md", "--config", "headscout.yml", "--ledger", "ledger.json"], run.io, { clock, random: () => 0.5 });
      return { code, ...run };
    };

    arxiv(503);
    expect((await scan("2026-06-03T12:00:00Z")).code).toBe(1);
    expect(asked[0]).toContain("submittedDate:[202605300000 TO 202606031200]");
    expect(ledgerAt(dir, "ledger.json").windows.arxiv).toBe("2026-06-01T00:00:00.000Z");
    expect(ledgerAt(dir, "ledger.json").scans[0].sources.arxiv.status).toBe("failed");

    nock.cleanAll();
    asked.length = 0;
    arxiv(200);
    expect((await scan("2026-06-04T12:00:00Z")).code).toBe(0);
    expect(asked).toEqual([expect.stringContaining("submittedDate:[202605300000 TO 202606041200]")]);
    expect(ledgerAt(dir, "ledger.json").windows.arxiv).toBe("2026-06-04T12:00:00.000Z");
  });

  it("refuses to run over a ledger a hand edit broke, naming the file and key", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "ledger.json"), JSON.stringify({ version: 1, papers: { "arxiv:2407.15891": { state: "rejectd" } } }));
    const run = fakeIo(dir);
    expect(await main(["scan", "--catalog", "README.md", "--papers", "papers.json", "--ledger", "ledger.json"], run.io)).toBe(1);
    expect(run.err()).toContain('headscout scan: ledger file ledger.json is not a valid ledger; fix or revert the last edit:\n  - papers["arxiv:2407.15891"].title');
  });
});
