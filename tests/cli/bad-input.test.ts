import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

const dir = mkdtempSync(join(tmpdir(), "headscout-bad-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env, cwd: dir };
  const code = await main(args, io);
  return { code, out, err };
}

/** A usage error as a person sees it: one line saying what is wrong, a blank line, the usage; no stack. */
function expectUsageError(err: string, line: RegExp, usage: RegExp): void {
  const [first, blank, usageLine] = err.split("\n");
  expect(first).toMatch(line);
  expect(blank).toBe("");
  expect(usageLine).toMatch(usage);
  expect(err).not.toMatch(/\n\s+at |TypeError/);
}

describe("every command rejects an unknown flag with its usage and exit 2", () => {
  const commands: [string[], RegExp][] = [
    [["sources", "--since", "2026-06-01"], /^usage: headscout sources/],
    [["triage", "papers.json"], /^usage: headscout triage/],
    [["eval", "labeled.jsonl"], /^usage: headscout eval/],
    [["catalog", "lint", "README.md"], /^usage: headscout catalog/],
  ];
  for (const [args, usage] of commands) {
    it(args.slice(0, 2).join(" "), async () => {
      const { code, out, err } = await run([...args, "--frobnicate"]);
      expect(code).toBe(2);
      expect(out).toBe("");
      expectUsageError(err, new RegExp(`^headscout ${args[0]}( ${args[0] === "catalog" ? args[1] : ""})?: Unknown option '--frobnicate'`), usage);
    });
  }
});

describe("bad argument values: one line, the usage, exit 2", () => {
  const cases: [string[], RegExp, RegExp][] = [
    [["triage"], /^headscout triage: triage takes one PAPERS\.json, got none$/, /^usage: headscout triage/],
    [["triage", "a.json", "b.json"], /^headscout triage: triage takes one PAPERS\.json, got 'a\.json', 'b\.json'$/, /^usage: headscout triage/],
    [["eval"], /^headscout eval: eval takes one LABELED\.jsonl or --stream DIR, got none$/, /^usage: headscout eval/],
    [["eval", "a.jsonl", "--stream", "dir"], /^headscout eval: eval takes LABELED\.jsonl or --stream DIR, not both/, /^usage: headscout eval/],
    [["sources", "--since", "2026-99-99"], /^headscout sources: --since 2026-99-99 is not a date \(YYYY-MM-DD\)$/, /^usage: headscout sources/],
    [["sources", "--since"], /^headscout sources: Option '--since <value>' argument missing$/, /^usage: headscout sources/],
  ];
  for (const [args, line, usage] of cases) {
    it(args.join(" "), async () => {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expectUsageError(err, line, usage);
    });
  }

  it("no command at all prints the usage to stderr", async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^usage: headscout <command>/);
  });
});

describe("a config error", () => {
  it("prints the per-key lines only, without zod's JSON after them", async () => {
    writeFileSync(join(dir, "bad.yml"), "sources:\n  arxiv:\n    pageSize: 9000\n    categroies: [cs.CL]\n");
    const { code, out, err } = await run(["sources", "--since", "2026-06-01", "--config", "bad.yml"]);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^headscout sources: Invalid configuration in .*bad\.yml:$/),
      "  - sources.arxiv.pageSize: Too big: expected number to be <=2000",
      '  - sources.arxiv: Unrecognized key: "categroies"',
    ]);
  });
});

describe("an error never shows a secret of the environment", () => {
  it("even when a broken config file quotes it", async () => {
    const password = "correct-horse-battery-staple";
    writeFileSync(join(dir, "leaky.yml"), `# login ${password}\nsources: [\n`);
    const { code, err } = await run(["sources", "--since", "2026-06-01", "--config", "leaky.yml"], { OPENREVIEW_USERNAME: "bot", OPENREVIEW_PASSWORD: password });
    expect(code).toBe(1);
    expect(err).toMatch(/^headscout sources: Invalid YAML in .*leaky\.yml/);
    expect(err).not.toContain(password);
  });
});
