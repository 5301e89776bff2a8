import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCatalog } from "../../src/cli/commands/catalog.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { projectRoot } from "../helpers/shared.ts";
import { addedLines, fixturePath, readFixture } from "./helpers.ts";

function fakeIo(cwd = projectRoot): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    env: {},
    cwd,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "headscout-catalog-"));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("headscout catalog", () => {
  it("parse prints the format and entries as JSON", async () => {
    const io = fakeIo();
    expect(await runCatalog(["parse", "tests/fixtures/catalogs/html.md"], io)).toBe(0);
    const json = JSON.parse(io.out) as { format: string; entries: Record<string, unknown>[] };
    expect(json.format).toBe("html");
    expect(json.entries).toHaveLength(6);
    expect(Object.keys(json.entries[0]!).sort()).toEqual(["date", "ids", "links", "section", "summary", "tags", "title"]);
    expect(json.entries[0]).toMatchObject({ date: "2024-10-25", section: "Year 2024", tags: ["Retrieval Head"], links: [{ kind: "paper", label: "arXiv" }, { kind: "code", label: "GitHub" }], ids: { arxiv: "2410.19258" } });
  });

  it("add prints the document with the entries inserted, and reads the shape parse prints", async () => {
    const io = fakeIo();
    expect(await runCatalog(["add", "tests/fixtures/catalogs/markdown.md", "tests/fixtures/catalogs/new-entries.json"], io)).toBe(0);
    expect(io.out).toContain("### Year 2025");
    expect(io.out).toContain("**DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads**");

    // Entries in parse's output shape (an object with `entries`, each with section and ids) go back in.
    const dir = tempDir();
    const parsed = fakeIo();
    await runCatalog(["parse", fixturePath("html.md")], parsed);
    const [first, ...others] = (JSON.parse(parsed.out) as { entries: unknown[] }).entries;
    writeFileSync(join(dir, "one.json"), JSON.stringify([first]));
    const html = readFixture("html.md").split("\n");
    writeFileSync(join(dir, "catalog.md"), html.filter((_, i) => i < 14 || i > 30).join("\n"));
    const again = fakeIo(dir);
    expect(await runCatalog(["add", "catalog.md", "one.json"], again)).toBe(0);
    expect(others).toHaveLength(5);
    expect(again.out).toContain("Not All Heads Matter");
  });

  it("add --write writes the file in place", async () => {
    const dir = tempDir();
    copyFileSync(fixturePath("bullets.md"), join(dir, "README.md"));
    copyFileSync(fixturePath("new-entries.json"), join(dir, "new.json"));
    const io = fakeIo(dir);
    expect(await runCatalog(["add", "README.md", "new.json", "--write"], io)).toBe(0);
    expect(io.out).toBe("");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("DuoAttention");
    expect(io.err).toBe("added 2 entries to README.md\n");
  });

  it("add exits 1 with a clear message on a duplicate, and leaves the file alone", async () => {
    const dir = tempDir();
    copyFileSync(fixturePath("html.md"), join(dir, "README.md"));
    writeFileSync(join(dir, "dup.json"), JSON.stringify([{ date: "2024-04-25", title: "Another take", summary: { kind: "none" }, tags: [], links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2404.15574v2" }] }]));
    const io = fakeIo(dir);
    expect(await main(["catalog", "add", "README.md", "dup.json", "--write"], io)).toBe(1);
    expect(io.err).toMatch(/^headscout catalog: cannot add to README.md: 'Another take' is already in the catalog at line 32 .*same arXiv id: 2404.15574/);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(readFixture("html.md"));
  });

  it("add exits 1 on an invalid entry or unreadable JSON", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), JSON.stringify([{ title: "No date" }]));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const io = fakeIo(dir);
    expect(await main(["catalog", "add", fixturePath("html.md"), "bad.json"], io)).toBe(1);
    expect(io.err).toMatch(/new entry 1 is invalid: date/);
    expect(await main(["catalog", "add", fixturePath("html.md"), "broken.json"], io)).toBe(1);
    expect(io.err).toMatch(/broken.json is not valid JSON/);
  });

  it("lint exits 0 with a short summary on a clean catalog (the README's first command)", async () => {
    const io = fakeIo();
    expect(await main(["catalog", "lint", "tests/fixtures/catalogs/html.md"], io)).toBe(0);
    expect(io.out).toBe("tests/fixtures/catalogs/html.md: html catalog, 6 entries in 3 sections (Year 2024, Year 2023, Before ChatGPT Announced)\nno problems found\n");
  });

  it("lint exits 1 and lists problems", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "c.md"), readFixture("markdown.md").replace("Successor_Head", "Wobble_Head"));
    const io = fakeIo(dir);
    expect(await runCatalog(["lint", "c.md"], io)).toBe(1);
    expect(io.out).toMatch(/line 18: unknown-tag: tag 'Wobble Head' is not in data\/heads.json\n1 problem found\n$/);
    const json = fakeIo(dir);
    await runCatalog(["lint", "c.md", "--json"], json);
    expect(JSON.parse(json.out)).toMatchObject({ format: "markdown", entries: 6, problems: [{ line: 18, kind: "unknown-tag" }] });
  });

  it("replay reads a folder of versions in name order", async () => {
    const dir = tempDir();
    const full = readFixture("markdown.md");
    const withoutRetrieval = full.split("\n").filter((l) => !l.includes("Retrieval Head Mechanistically")).join("\n");
    writeFileSync(join(dir, "002.md"), full);
    writeFileSync(join(dir, "001.md"), withoutRetrieval);
    writeFileSync(join(dir, "notes.txt"), "not a version");
    const io = fakeIo(dir);
    expect(await runCatalog(["replay", ".", "--json"], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.summary).toEqual({ versions: 2, parsed: 2, additions: 1, reproduced: 1, byteIdentical: 1, refused: 0 });
    expect(report.versions[1]).toMatchObject({ name: "002.md", format: "markdown", entries: 6, parses: true, addition: { added: 1, reproduced: true, byteIdentical: true } });
  });

  it("replay reads the history of a git repository's README", async () => {
    const repo = tempDir();
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", repo, ...args], {
        stdio: "ignore",
        env: { ...process.env, GIT_AUTHOR_DATE: "2024-10-01T12:00:00Z", GIT_COMMITTER_DATE: "2024-10-01T12:00:00Z", GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
      });
    git("init", "-q");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    const html = readFixture("html.md");
    const lines = html.split("\n");
    const start = lines.findIndex((l) => l.includes("2024-04-24")) - 1;
    const without = [...lines.slice(0, start), ...lines.slice(start + 14)].join("\n");
    const versions = [without, html, html.replace("Successor Heads: Recurring", "Successor Heads - Recurring")];
    for (const [i, text] of versions.entries()) {
      writeFileSync(join(repo, "README.md"), text);
      writeFileSync(join(repo, "other.txt"), String(i));
      git("add", "README.md", "other.txt");
      git("commit", "-q", "-m", `version ${i + 1}`);
    }
    writeFileSync(join(repo, "other.txt"), "unrelated");
    git("commit", "-q", "-am", "unrelated change");

    const io = fakeIo(repo);
    expect(await runCatalog(["replay", "."], io)).toBe(0);
    const out = io.out.split("\n");
    expect(out[0]).toMatch(/^001-2024-10-01-[0-9a-f]{7}  html\s+5 entries  parses$/);
    expect(out[1]).toMatch(/^002-2024-10-01-[0-9a-f]{7}  html\s+6 entries  parses  \+1 added: byte-identical$/);
    expect(out[2]).toMatch(/^003-2024-10-01-[0-9a-f]{7}  html\s+6 entries  parses$/);
    expect(io.out).toContain("3/3 versions parse; 1 pure additions, 1 reproduced, 1 byte-identical");
  });

  it("replay exits 1 when a version does not parse", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "1.md"), readFixture("markdown.md").replace("| 2023-10-06 | **Copy", "| 2023-10-06 | Copy"));
    const io = fakeIo(dir);
    expect(await runCatalog(["replay", dir], io)).toBe(1);
    expect(io.out).toMatch(/DOES NOT PARSE\n    line \d+: paper cell does not start with a \*\*bold\*\* title/);
  });

  it("prints usage for no or an unknown subcommand", async () => {
    const io = fakeIo();
    expect(await runCatalog([], io)).toBe(2);
    expect(io.err).toContain("usage: headscout catalog");
    expect(await runCatalog(["frobnicate"], io)).toBe(2);
    expect(io.err).toContain("unknown subcommand 'frobnicate'");
  });
});

/** stderr as a person sees it: exactly one line, no stack trace. */
function expectOneLine(err: string, line: RegExp): void {
  expect(err.split("\n").filter(Boolean)).toEqual([expect.stringMatching(line)]);
}

describe("a catalog is never damaged", () => {
  /** A temp folder with the markdown fixture as README.md (bytes given) and the new entries. */
  function catalogDir(bytes: Uint8Array | string = readFixture("markdown.md")): string {
    const dir = tempDir();
    writeFileSync(join(dir, "README.md"), bytes);
    copyFileSync(fixturePath("new-entries.json"), join(dir, "new.json"));
    return dir;
  }
  const add = (dir: string, ...flags: string[]) => {
    const io = fakeIo(dir);
    return main(["catalog", "add", "README.md", "new.json", ...flags], io).then((code) => ({ code, err: io.err, out: io.out }));
  };

  it("refuses a Latin-1 catalog with one line naming the byte, and leaves it byte for byte", async () => {
    const latin1 = Buffer.from(readFixture("markdown.md").replace("Successor Heads", "Successor Heads (caf\u00e9)"), "latin1");
    const dir = catalogDir(latin1);
    const { code, err } = await add(dir, "--write");
    expect(code).toBe(1);
    const offset = latin1.indexOf(0xe9);
    expectOneLine(err, new RegExp(`^headscout catalog: catalog README\\.md is not valid UTF-8 \\(byte 0xE9 at offset ${offset}\\); headscout only edits UTF-8 files$`));
    expect(readFileSync(join(dir, "README.md")).equals(latin1)).toBe(true);
  });

  it("refuses UTF-16 (with or without a byte-order mark) and binary files", async () => {
    const text = readFixture("markdown.md");
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), /is UTF-16 \(byte-order mark 0xFF 0xFE\); headscout only edits UTF-8 files$/],
      [Buffer.from(text, "utf16le"), /is binary or UTF-16 \(a NUL byte at offset 1\)/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /is binary or UTF-16 \(a NUL byte at offset 8\)/],
    ];
    for (const [bytes, line] of cases) {
      const dir = catalogDir(bytes);
      const { code, err } = await add(dir, "--write");
      expect(code).toBe(1);
      expectOneLine(err, line);
      expect(readFileSync(join(dir, "README.md")).equals(bytes)).toBe(true);
    }
  });

  it("keeps a UTF-8 byte-order mark and CRLF line ends byte for byte", async () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readFixture("markdown.md").replace(/\n/g, "\r\n"))]);
    const dir = catalogDir(original);
    const { code } = await add(dir, "--write");
    expect(code).toBe(0);
    const written = readFileSync(join(dir, "README.md"));
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every original line is still there, \r and all, in order: the edit only inserted lines.
    expect(addedLines(original.toString("utf8"), written.toString("utf8"))?.length).toBeGreaterThan(0);
  });

  it("says 'no catalog found' (exit 1) for an empty, a prose-only and a binary file, in lint, parse and add", async () => {
    const files: Record<string, Uint8Array | string> = {
      "empty.md": "",
      "prose.md": "# My reading notes\n\nInduction heads are neat.\n\n- a list\n- of things\n",
    };
    for (const [name, bytes] of Object.entries(files)) {
      const dir = tempDir();
      writeFileSync(join(dir, name), bytes);
      copyFileSync(fixturePath("new-entries.json"), join(dir, "new.json"));
      for (const args of [["lint", name], ["parse", name], ["add", name, "new.json", "--write"]]) {
        const io = fakeIo(dir);
        expect(await main(["catalog", ...args], io), args.join(" ")).toBe(1);
        expectOneLine(io.err, new RegExp(`^headscout catalog: no catalog found in ${name}: it has no paper table or list of papers$`));
        expect(io.out).not.toMatch(/no problems found/);
      }
      expect(readFileSync(join(dir, name)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("still reads a catalog whose paper table has no rows yet", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "new.md"), "# Catalog\n\n### Year 2026\n\n| Date | Paper | Tags | Links |\n| --- | --- | --- | --- |\n");
    const io = fakeIo(dir);
    expect(await main(["catalog", "lint", "new.md"], io)).toBe(0);
    expect(io.out).toMatch(/^new\.md: markdown catalog, 0 entries in 1 sections \(Year 2026\)\nno problems found\n$/);
  });

  it("--write on a symlink writes the link's target; the link stays a link", async () => {
    const dir = catalogDir();
    symlinkSync("README.md", join(dir, "link.md"));
    const io = fakeIo(dir);
    expect(await main(["catalog", "add", "link.md", "new.json", "--write"], io)).toBe(0);
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("DuoAttention");
  });

  it("--write keeps the file's mode, and refuses a read-only file (even as root) with one line", async () => {
    const dir = catalogDir();
    const file = join(dir, "README.md");
    chmodSync(file, 0o640);
    expect((await add(dir, "--write")).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);

    writeFileSync(file, readFixture("markdown.md"));
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    const { code, err } = await add(dir, "--write");
    expect(code).toBe(1);
    expectOneLine(err, /^headscout catalog: cannot write README\.md: it is read-only \(mode 0444\); make it writable to let headscout edit it; README\.md is unchanged$/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual(["README.md", "new.json"]);
  });

  it("an unknown flag (a typo of --write) is a usage error: exit 2, the usage, no stack, nothing written", async () => {
    const dir = catalogDir();
    const { code, err, out } = await add(dir, "--wirte");
    expect(code).toBe(2);
    expect(err).toMatch(/^headscout catalog add: Unknown option '--wirte'.*\n\nusage: headscout catalog <subcommand>/);
    expect(err).not.toMatch(/TypeError|\n\s+at /);
    expect(out).toBe("");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(readFixture("markdown.md"));
  });

  it("a wrong number of operands is a usage error for every subcommand", async () => {
    for (const args of [["parse"], ["parse", "a.md", "b.md"], ["add", "README.md"], ["lint"], ["replay"], ["lint", "--json", "a", "b"]]) {
      const io = fakeIo();
      expect(await main(["catalog", ...args], io), args.join(" ")).toBe(2);
      const [first, blank, usage] = io.err.split("\n");
      expect(first).toMatch(new RegExp(`^headscout catalog: catalog ${args[0]} takes [A-Z]`));
      expect([blank, usage]).toEqual(["", "usage: headscout catalog <subcommand>"]);
    }
    for (const sub of ["parse", "add", "lint", "replay"]) {
      const io = fakeIo();
      expect(await main(["catalog", sub, "--nope"], io), sub).toBe(2);
      expect(io.err).toMatch(new RegExp(`^headscout catalog ${sub}: Unknown option '--nope'`));
    }
  });
});
