import { z } from "zod";

/** The `triage:` section of .github/headscout.yml. Filled in by the triage module. */
export const triageConfigSchema = z.object({}).strict();
export type TriageConfig = z.infer<typeof triageConfigSchema>;
