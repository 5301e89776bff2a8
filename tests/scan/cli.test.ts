import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { runScanCommand } from "../../src/cli/commands/scan.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { projectRoot } from "../helpers/shared.ts";

function fakeIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

/** A scratch copy of the HTML catalog fixture and the recorded sources output. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "headscout-scan-"));
  copyFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), join(dir, "README.md"));
  copyFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), join(dir, "papers.json"));
  return dir;
}

describe("headscout scan", () => {
  it("is a dry run by default: shows the proposed entry and its rows, writes nothing", async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, "README.md"), "utf8");
    const { io, out, err } = fakeIo(dir);
    expect(await main(["scan", "--catalog", "README.md", "--papers", "papers.json"], io)).toBe(0);
    expect(out()).toContain("already in the catalog: 1");
    expect(out()).toContain("+ 2024-07-22 RazorAttention: Efficient KV Cache Compression Through Retrieval Heads [Retrieval Head] (offline draft");
    expect(out()).toMatch(/^\+.*<strong>RazorAttention: Efficient KV Cache Compression Through Retrieval Heads<\/strong>/m);
    expect(err()).toContain("dry run: README.md is unchanged");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(before);
  });

  it("with --write adds the rows to the catalog, and a second run proposes nothing", async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, "README.md"), "utf8").split("\n");
    expect(await runScanCommand(["--catalog", "README.md", "--papers", "papers.json", "--write"], fakeIo(dir).io)).toBe(0);
    const after = readFileSync(join(dir, "README.md"), "utf8").split("\n");
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.filter((l) => !before.includes(l)).join("\n")).toContain("RazorAttention");

    const again = fakeIo(dir);
    expect(await runScanCommand(["--catalog", "README.md", "--papers", "papers.json", "--write"], again.io)).toBe(0);
    expect(again.out()).toContain("already in the catalog: 2");
    expect(again.out()).toContain("nothing to propose");
    expect(readFileSync(join(dir, "README.md"), "utf8").split("\n")).toEqual(after);
  });

  it("searches arXiv for the window when given --since, and says so when arXiv fails", async () => {
    const dir = workspace();
    nock("https://export.arxiv.org").get("/api/query").query(true).times(20).reply(400, "<html>Bad Request</html>");
    const { io, out, err } = fakeIo(dir);
    const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
    const code = await runScanCommand(["--catalog", "README.md", "--since", "2026-06-01", "--until", "2026-06-02"], io, { clock, random: () => 0.5 });
    expect(code).toBe(1);
    expect(out()).toMatch(/arxiv: failed \(.*arXiv/);
    expect(out()).toContain("openreview: unavailable (no credentials");
    expect(err()).toMatch(/arxiv failed/);
  });

  it("refuses bad arguments with the usage and exit code 2", async () => {
    const { io, err } = fakeIo(process.cwd());
    expect(await main(["scan", "--catalog", "README.md"], io)).toBe(2);
    expect(err()).toContain("give either --since, --days or --papers");
    expect(err()).toContain("usage: headscout scan");
  });

  it("names the file when the catalog cannot be read", async () => {
    const { io, err } = fakeIo(process.cwd());
    expect(await main(["scan", "--catalog", "no-such-catalog.md", "--papers", "x.json"], io)).toBe(1);
    expect(err()).toMatch(/^headscout scan: cannot read catalog no-such-catalog\.md\n/);
  });

  it("finds the catalog at the config's catalog.path when --catalog is not given", async () => {
    const dir = workspace();
    mkdirSync(join(dir, "docs"));
    renameSync(join(dir, "README.md"), join(dir, "docs", "papers.md"));
    writeFileSync(join(dir, "headscout.yml"), "catalog:\n  path: docs/papers.md\n");
    const { io, out, err } = fakeIo(dir);
    expect(await main(["scan", "--config", "headscout.yml", "--papers", "papers.json"], io)).toBe(0);
    expect(out()).toContain("already in the catalog: 1");
    expect(err()).toContain("dry run: docs/papers.md is unchanged");
  });

  it("refuses a file with no paper list, and one that is not UTF-8, leaving it as it was", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "notes.md"), "# Notes\n\nJust prose, no table of papers.\n");
    const prose = fakeIo(dir);
    expect(await main(["scan", "--catalog", "notes.md", "--papers", "papers.json", "--write"], prose.io)).toBe(1);
    expect(prose.err()).toBe("headscout scan: no catalog found in notes.md: it has no paper table or list of papers\n");

    const latin1 = Buffer.from(readFileSync(join(dir, "README.md"), "utf8").replace("Heads", "H\u00e9ads"), "latin1");
    writeFileSync(join(dir, "README.md"), latin1);
    const encoded = fakeIo(dir);
    expect(await main(["scan", "--catalog", "README.md", "--papers", "papers.json", "--write"], encoded.io)).toBe(1);
    expect(encoded.err()).toMatch(/^headscout scan: catalog README\.md is not valid UTF-8 \(byte 0xE9 at offset \d+\); headscout only edits UTF-8 files\n$/);
    expect(readFileSync(join(dir, "README.md")).equals(latin1)).toBe(true);
  });
});

describe("headscout scan --out DIR", () => {
  it("writes the would-be catalog, the pull request body as the app would post it and the report, and leaves the catalog unchanged", async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, "README.md"));
    const { io, err } = fakeIo(dir);
    expect(await main(["scan", "--catalog", "README.md", "--papers", "papers.json", "--out", "out"], io)).toBe(0);
    expect(readFileSync(join(dir, "README.md")).equals(before)).toBe(true);
    expect(err()).toContain("wrote pull-request.md, README.md, report.json, report.txt to out (README.md itself is unchanged)");

    const catalog = readFileSync(join(dir, "out", "README.md"), "utf8");
    expect(catalog.split("\n").filter((l) => !before.toString().split("\n").includes(l)).join("\n")).toContain("RazorAttention");
    const body = readFileSync(join(dir, "out", "pull-request.md"), "utf8");
    expect(body).toContain("| [RazorAttention: Efficient KV Cache Compression Through Retrieval Heads](https://arxiv.org/abs/2407.15891) |");
    expect(body).toMatch(/<!-- headscout:proposal \{.*"arxiv:2407\.15891".*\} -->/);
    expect(JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")).proposed).toHaveLength(1);
    expect(readFileSync(join(dir, "out", "report.txt"), "utf8")).toContain("already in the catalog: 1");
  });

  it("takes --days N for the window, and refuses it beside --since", async () => {
    const { io, err } = fakeIo(process.cwd());
    expect(await main(["scan", "--days", "7", "--since", "2026-06-01"], io)).toBe(2);
    expect(err()).toContain("give one of --since, --days and --papers");
    const bad = fakeIo(process.cwd());
    expect(await main(["scan", "--days", "week"], bad.io)).toBe(2);
    expect(bad.err()).toContain("--days takes a number of days from 1 to 999");
  });
});
