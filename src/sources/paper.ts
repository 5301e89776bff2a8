import { z } from "zod";

/** A calendar date or an instant, as ISO 8601 text (`2024-07-22` or `2024-07-22T17:59:59Z`). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, "expected an ISO 8601 date");

/** What a source found: one paper, whichever service reported it. */
export const paperSchema = z.object({
  ids: z.object({
    /** Without version: `2404.15574`, or old-style `hep-th/9901001`. */
    arxiv: z.string().optional(),
    /** The latest arXiv version seen (`v3` → 3). */
    arxivVersion: z.number().int().positive().optional(),
    openreview: z.string().optional(),
    doi: z.string().optional(),
  }),
  /** White space collapsed; LaTeX kept as the authors wrote it. */
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.array(z.string()),
  /** First submission (arXiv `published`, OpenReview `pdate`/`cdate`). */
  published: isoDate,
  /** Latest version (arXiv `updated`, OpenReview `mdate`). */
  updated: isoDate.optional(),
  primaryCategory: z.string().optional(),
  categories: z.array(z.string()).default([]),
  comment: z.string().optional(),
  journalRef: z.string().optional(),
  links: z.object({
    abstract: z.string().url().optional(),
    pdf: z.string().url().optional(),
    openreview: z.string().url().optional(),
  }),
  /** e.g. "ICLR 2025 Poster", "Submitted to ICLR 2025". */
  venue: z.string().optional(),
  /** Whether the venue accepted it, when the source knows. */
  decision: z.enum(["accepted", "rejected", "pending"]).optional(),
  /** Which sources reported this paper. */
  sources: z.array(z.enum(["arxiv", "openreview"])).min(1),
});
export type Paper = z.infer<typeof paperSchema>;
