import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeError } from "../../src/errors.ts";
import { nodeFs, writeFileAtomic, type AtomicWriteFs } from "../../src/fs/write-file-atomic.ts";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function catalog(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "headscout-write-"));
  temps.push(dir);
  const file = join(dir, "README.md");
  writeFileSync(file, "# Catalog\n| 2024-01-01 | **A** |\n");
  return { dir, file };
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

describe("writeFileAtomic when the file system fails", () => {
  const cases: [string, Partial<AtomicWriteFs>, string][] = [
    ["EACCES on creating the temporary file", { writeFile: () => { throw fsError("EACCES", "permission denied, open"); } }, "permission denied (EACCES)"],
    [
      "ENOSPC half-way through the temporary file",
      {
        writeFile: (path, data, options) => {
          // What a full disk does: part of the data lands, then the write fails.
          nodeFs.writeFile(path, data.subarray(0, 5), options);
          throw fsError("ENOSPC", "no space left on device, write");
        },
      },
      "no space left on the device (ENOSPC)",
    ],
    ["EACCES on the rename", { rename: () => { throw fsError("EACCES", "permission denied, rename"); } }, "permission denied (EACCES)"],
  ];

  for (const [what, failing, problem] of cases) {
    it(`${what}: one line naming the file, the file intact, no temporary file left`, () => {
      const { dir, file } = catalog();
      const before = readFileSync(file);
      let error: unknown;
      try {
        writeFileAtomic(file, "# Catalog\n| 2025-01-01 | **B** |\n| 2024-01-01 | **A** |\n", { name: "README.md", fs: { ...nodeFs, ...failing } });
      } catch (caught) {
        error = caught;
      }
      expect(describeError(error)).toBe(`cannot write README.md: ${problem}; README.md is unchanged`);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(readdirSync(dir)).toEqual(["README.md"]);
    });
  }

  it("writes the bytes and keeps the mode when nothing fails", () => {
    const { dir, file } = catalog();
    const mode = statSync(file).mode & 0o777;
    writeFileAtomic(file, "new text\n");
    expect(readFileSync(file, "utf8")).toBe("new text\n");
    expect(statSync(file).mode & 0o777).toBe(mode);
    expect(readdirSync(dir)).toEqual(["README.md"]);
  });
});
