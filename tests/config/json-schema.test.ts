import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigReference } from "../../scripts/write-config-reference.ts";
import { renderConfigJsonSchema } from "../../src/config/json-schema.ts";
import { projectRoot } from "../helpers/shared.ts";

describe("schema/headscout.schema.json", () => {
  it("matches the zod config schema (run `npm run schema` after changing it)", () => {
    const committed = readFileSync(`${projectRoot}/schema/headscout.schema.json`, "utf8");
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it("describes every key", () => {
    const undescribed: string[] = [];
    const walk = (node: { properties?: Record<string, unknown>; items?: unknown }, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const c = child as { description?: string; properties?: Record<string, unknown>; items?: unknown };
        if (!c.description) undescribed.push(`${path}${key}`);
        walk(c, `${path}${key}.`);
        if (c.items) walk(c.items as { properties?: Record<string, unknown> }, `${path}${key}[].`);
      }
    };
    walk(JSON.parse(renderConfigJsonSchema()) as { properties: Record<string, unknown> }, "");
    expect(undescribed).toEqual([]);
  });
});

describe("docs/configuration.md", () => {
  it("is what `npm run schema` writes from the schema (run it after changing a key or its description)", () => {
    const committed = readFileSync(`${projectRoot}/docs/configuration.md`, "utf8");
    expect(committed).toBe(renderConfigReference());
  });

  it("lists every key of the schema with its default", () => {
    const reference = renderConfigReference();
    const leaves: [string, unknown][] = [];
    const walk = (node: { properties?: Record<string, { type?: string; default?: unknown; properties?: unknown }> }, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (child.type === "object" && child.properties) walk(child as never, `${path}${key}.`);
        else leaves.push([`${path}${key}`, child.default]);
      }
    };
    walk(JSON.parse(renderConfigJsonSchema()) as never, "");
    expect(leaves.length).toBeGreaterThan(40);
    for (const [key, value] of leaves) {
      const row = reference.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row!.split(" | ")[2], key).toBe(value === undefined ? "unset" : `\`${JSON.stringify(value).replace(/\|/g, "\\|")}\``);
    }
  });
});
