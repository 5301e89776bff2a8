import { z } from "zod";
import { configSchema } from "./schema.ts";

/** The JSON schema of .github/headscout.yml, generated from the zod schema so the two never drift. */
export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input" });
  return `${JSON.stringify({ ...schema, title: "headscout configuration (.github/headscout.yml)" }, null, 2)}\n`;
}
