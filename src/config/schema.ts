import { z } from "zod";
import { pullRequestsConfigSchema, scheduleConfigSchema } from "../github/app-config.ts";
import { commandsConfigSchema } from "../github/commands/rate-limit.ts";
import { dashboardConfigSchema } from "../github/dashboard/dashboard-data.ts";
import { intakeConfigSchema } from "../github/intake/config.ts";
import { sourcesConfigSchema } from "../sources/config.ts";
import { triageConfigSchema } from "../triage/config.ts";

/**
 * `.github/headscout.yml`: every key optional, so an empty file (or none) means the defaults.
 * Each domain owns its section's schema; `npm run schema` writes the JSON schema from this one.
 */
export const configSchema = z
  .object({
    catalog: z
      .object({
        path: z.string().min(1).default("README.md").describe("The catalog file in the repository."),
      })
      .strict()
      .default({ path: "README.md" }),
    sources: sourcesConfigSchema.default(sourcesConfigSchema.parse({})),
    triage: triageConfigSchema.default(triageConfigSchema.parse({})),
    pullRequests: pullRequestsConfigSchema.default(pullRequestsConfigSchema.parse({})),
    schedule: scheduleConfigSchema.default(scheduleConfigSchema.parse({})),
    commands: commandsConfigSchema.default(commandsConfigSchema.parse({})),
    dashboard: dashboardConfigSchema.default(dashboardConfigSchema.parse({})),
    intake: intakeConfigSchema.default(intakeConfigSchema.parse({})),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
