import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasShared, projectRoot, sharedMissingReason } from "../helpers/shared.ts";

const exampleDir = join(projectRoot, "docs", "example");
const read = (...parts: string[]) => readFileSync(join(...parts), "utf8");

describe.skipIf(!hasShared)(`docs/example/ (${hasShared ? "regenerated from ../shared" : sharedMissingReason})`, () => {
  it("is exactly what `npm run example` writes now (run it after changing what a scan proposes or how)", () => {
    const dir = mkdtempSync(join(tmpdir(), "headscout-example-test-"));
    try {
      const run = spawnSync(process.execPath, ["bin/run-ts.js", "scripts/write-example.ts", dir], { cwd: projectRoot, encoding: "utf8", timeout: 90_000 });
      expect(run.status, run.stderr).toBe(0);
      const committed = readdirSync(exampleDir).sort();
      expect(readdirSync(dir).sort()).toEqual(committed);
      for (const file of committed) expect(read(dir, file), `docs/example/${file}`).toBe(read(exampleDir, file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe("README.md, \"What it does\"", () => {
  const readme = read(projectRoot, "README.md");
  const section = /\n## What it does\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
  const fenced = (language: string) => [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);

  it("quotes the catalog diff of docs/example/ line for line", () => {
    const [excerpt] = fenced("diff");
    expect(excerpt).toBeDefined();
    const diff = read(exampleDir, "catalog.diff");
    for (const line of excerpt!.split("\n").filter((l) => l && l !== "…")) expect(diff.split("\n"), line).toContain(line);
  });

  it("quotes the pull request body of docs/example/ line for line", () => {
    const [excerpt] = fenced("markdown");
    expect(excerpt).toBeDefined();
    const body = read(exampleDir, "pull-request.md").split("\n");
    for (const line of excerpt!.split("\n").filter((l) => l && l !== "…")) expect(body, line).toContain(line);
  });
});
