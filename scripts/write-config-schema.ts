// `npm run schema`: regenerates schema/headscout.schema.json from the zod config schema.
import { writeFileSync } from "node:fs";
import { renderConfigJsonSchema } from "../src/config/json-schema.ts";
import { packageRoot } from "../src/paths.ts";

const target = `${packageRoot}/schema/headscout.schema.json`;
writeFileSync(target, renderConfigJsonSchema());
console.log(`wrote ${target}`);
