import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";

describe("parseConfig", () => {
  it("treats an empty file as the defaults", () => {
    expect(parseConfig("", "headscout.yml").catalog.path).toBe("README.md");
  });

  it("names the file and the key of an invalid value", () => {
    expect(() => parseConfig("catalog:\n  path: 3\n", ".github/headscout.yml")).toThrow(
      /Invalid configuration in \.github\/headscout\.yml:\n {2}- catalog\.path:/,
    );
  });

  it("names the file and line of broken YAML", () => {
    expect(() => parseConfig("catalog: [\n", "x.yml")).toThrow(/Invalid YAML in x\.yml/);
  });

  it("rejects unknown keys rather than ignoring a typo", () => {
    expect(() => parseConfig("catalgo: {}\n", "x.yml")).toThrow(/catalgo|Unrecognized/);
  });
});
