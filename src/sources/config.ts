import { z } from "zod";

/**
 * A paper matches when its title or abstract contains one phrase of `anyOf` and one of `withAnyOf`.
 * For words that only mean "attention head" next to a context word ("circuit" + "language model").
 */
export const phraseCombinationSchema = z
  .object({
    anyOf: z.array(z.string().min(1)).min(1),
    withAnyOf: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type PhraseCombination = z.infer<typeof phraseCombinationSchema>;

const arxivCategory = z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, "expected an arXiv category such as cs.CL");

export const arxivConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Matched in title or abstract (arXiv stems words, so "attention head" also finds "attention heads").
     * Unset: the head-type registry's names and aliases plus "attention head" (see src/sources/defaults.ts).
     */
    phrases: z.array(z.string().min(1)).min(1).optional(),
    /** Unset: the defaults of src/sources/defaults.ts. `[]` turns them off. */
    combinations: z.array(phraseCombinationSchema).optional(),
    /** Only papers listed (primary or cross-list) in one of these; empty means every category. */
    categories: z.array(arxivCategory).default([]),
    /** Results per request; arXiv serves at most 2,000. */
    pageSize: z.number().int().min(1).max(2000).default(2000),
    /** arXiv returns at most 30,000 results per query. */
    maxResults: z.number().int().min(1).max(30000).default(10000),
  })
  .strict();
export type ArxivConfig = z.infer<typeof arxivConfigSchema>;

export const openreviewConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Full-text search terms. Unset: "attention heads". */
    terms: z.array(z.string().min(1)).optional(),
    /**
     * Venues whose submissions are listed: a venue id (`ICLR.cc/2026/Conference`, meaning its
     * `…/-/Submission` invitation) or a full invitation id (containing `/-/`).
     */
    venues: z.array(z.string().min(1)).default([]),
    /** Notes per request (OpenReview allows up to 1,000). */
    pageSize: z.number().int().min(1).max(1000).default(1000),
    /** Stop listing one term or venue after this many notes. */
    maxResults: z.number().int().min(1).default(5000),
  })
  .strict();
export type OpenReviewConfig = z.infer<typeof openreviewConfigSchema>;

/** The `sources:` section of .github/headscout.yml. */
export const sourcesConfigSchema = z
  .object({
    arxiv: arxivConfigSchema.default(arxivConfigSchema.parse({})),
    openreview: openreviewConfigSchema.default(openreviewConfigSchema.parse({})),
  })
  .strict();
export type SourcesConfig = z.infer<typeof sourcesConfigSchema>;
