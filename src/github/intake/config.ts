import { z } from "zod";
import { DEFAULT_INTAKE_ISSUES_PER_HOUR } from "./limiter.ts";

/**
 * `intake:` in .github/headscout.yml: issues opened with the catalog's "Add new paper" form. To be
 * added to the config schema (src/config/schema.ts) as `intake: intakeConfigSchema.default(…)`.
 */
export const intakeConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Turn issues opened with the \"Add new paper\" form into pull requests."),
    form: z
      .string()
      .min(1)
      .optional()
      .describe("The issue form's file (.github/ISSUE_TEMPLATE/….yml), read from the default branch; by default the catalog's own \"Add new paper\" form (label add-new-paper)."),
    perHour: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(DEFAULT_INTAKE_ISSUES_PER_HOUR)
      .describe("Submissions looked up per hour; more wait (spam protection: submitters need no write access)."),
    llm: z
      .boolean()
      .default(false)
      .describe("Let the LLM read papers submitted by people without write access too (the operator pays for it): its verdict is shown and its evidenced tags added, the submitter's summary kept. Off: their summary and head names are used as given. Maintainers' submissions are read by the LLM whenever the repository's triage has one."),
  })
  .strict();
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
