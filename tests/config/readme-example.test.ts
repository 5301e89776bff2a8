import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { projectRoot } from "../helpers/shared.ts";

describe("README.md", () => {
  it("shows a configuration example that headscout accepts", () => {
    const readme = readFileSync(`${projectRoot}/README.md`, "utf8");
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = parseConfig(example!, "README.md example");
    expect(config.sources.openreview.venues).toEqual(["ICLR.cc/2026/Conference"]);
  });
});
