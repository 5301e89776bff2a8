import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigJsonSchema } from "../../src/config/json-schema.ts";
import { projectRoot } from "../helpers/shared.ts";

describe("schema/headscout.schema.json", () => {
  it("matches the zod config schema (run `npm run schema` after changing it)", () => {
    const committed = readFileSync(`${projectRoot}/schema/headscout.schema.json`, "utf8");
    expect(committed).toBe(renderConfigJsonSchema());
  });
});
