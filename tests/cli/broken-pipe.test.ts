import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";

const dir = mkdtempSync(join(tmpdir(), "headscout-pipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("output piped into a reader that stops early (`| head`)", () => {
  it("ends quietly: no EPIPE stack, the command's own exit code", async () => {
    // A catalog whose parse prints ~1 MB, far more than a pipe holds.
    const fixture = readFileSync(join(projectRoot, "tests", "fixtures", "catalogs", "markdown.md"), "utf8");
    const lines = fixture.split("\n");
    const row = lines.find((l) => l.startsWith("| 2024-"))!;
    const rows = Array.from({ length: 3000 }, (_, i) => row.replace(/2410\.\d+|2404\.\d+|\d{4}\.\d{5}/, `2401.${String(10000 + i)}`).replace("**", `**Paper ${i}: `));
    writeFileSync(join(dir, "big.md"), lines.flatMap((l) => (l === row ? rows : [l])).join("\n"));

    const child = spawn(process.execPath, [join(projectRoot, "bin", "headscout.js"), "catalog", "parse", join(dir, "big.md")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then go away, as `head -1` does.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
