import { z } from "zod";

/** The `sources:` section of .github/headscout.yml. Filled in by the sources module. */
export const sourcesConfigSchema = z.object({}).strict();
export type SourcesConfig = z.infer<typeof sourcesConfigSchema>;
