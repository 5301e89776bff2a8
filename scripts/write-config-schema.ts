// `npm run schema`: regenerates schema/headscout.schema.json and docs/configuration.md from the zod
// config schema (src/config/schema.ts). tests/config/json-schema.test.ts checks both are current.
import { writeFileSync } from "node:fs";
import { renderConfigJsonSchema } from "../src/config/json-schema.ts";
import { packageRoot } from "../src/paths.ts";
import { renderConfigReference } from "./write-config-reference.ts";

for (const [path, text] of [
  ["schema/headscout.schema.json", renderConfigJsonSchema()],
  ["docs/configuration.md", renderConfigReference()],
] as const) {
  writeFileSync(`${packageRoot}/${path}`, text);
  console.log(`wrote ${path}`);
}
