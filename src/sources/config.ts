import { z } from "zod";

// Descriptions go into the JSON schema (`npm run schema`), so editors explain each key.

/** A paper matches when its title or abstract contains one phrase of `anyOf` and one of `withAnyOf`. */
export const phraseCombinationSchema = z
  .object({
    anyOf: z.array(z.string().min(1)).min(1),
    withAnyOf: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .describe("Matches papers whose title or abstract has one phrase of anyOf and one of withAnyOf.");
export type PhraseCombination = z.infer<typeof phraseCombinationSchema>;

const arxivCategory = z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, "expected an arXiv category such as cs.CL");

export const arxivConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    phrases: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Phrases matched in title or abstract (arXiv stems words: "induction head" finds "induction heads"). Default: the head-type registry plus "attention head".',
      ),
    combinations: z
      .array(phraseCombinationSchema)
      .optional()
      .describe("Phrase pairs that match together. Default: circuit/mechanistic analyses of language models, and 'head' near 'attention'. [] turns them off."),
    categories: z.array(arxivCategory).default([]).describe("Only papers listed in one of these categories (primary or cross-list); empty: all."),
    pageSize: z.number().int().min(1).max(2000).default(2000).describe("Results per request (arXiv serves at most 2,000)."),
    maxResults: z.number().int().min(1).max(30000).default(10000).describe("Results read per query at most."),
  })
  .strict();
export type ArxivConfig = z.infer<typeof arxivConfigSchema>;

export const openreviewConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    terms: z.array(z.string().min(1)).optional().describe('Full-text search terms. Default: ["attention heads"].'),
    venues: z
      .array(z.string().min(1))
      .default([])
      .describe("Venues whose submissions are listed: a venue id such as ICLR.cc/2026/Conference (its …/-/Submission invitation) or a full invitation id."),
    pageSize: z.number().int().min(1).max(1000).default(1000).describe("Notes per request (OpenReview allows up to 1,000)."),
    maxResults: z.number().int().min(1).default(5000).describe("Notes read per term or venue at most."),
  })
  .strict();
export type OpenReviewConfig = z.infer<typeof openreviewConfigSchema>;

/** The `sources:` section of .github/headscout.yml. */
export const sourcesConfigSchema = z
  .object({
    arxiv: arxivConfigSchema.default(arxivConfigSchema.parse({})),
    openreview: openreviewConfigSchema
      .default(openreviewConfigSchema.parse({}))
      .describe("Needs OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD in the environment; without them OpenReview is reported unavailable."),
  })
  .strict();
export type SourcesConfig = z.infer<typeof sourcesConfigSchema>;
