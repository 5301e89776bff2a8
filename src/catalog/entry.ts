import { z } from "zod";
import { identityKeysSchema } from "../paper/identity.ts";

export type { IdentityKeys } from "../paper/identity.ts";

/** What a link in a catalog row points to. */
export const linkKindSchema = z.enum(["paper", "code", "demo", "project", "data", "blog", "other"]);
export type LinkKind = z.infer<typeof linkKindSchema>;

export const linkSchema = z.object({
  kind: linkKindSchema,
  /** The badge label as the document shows it: `arXiv`, `ICLR`, `ACL Findings`, `GitHub`. */
  label: z.string(),
  url: z.string().url(),
});
export type Link = z.infer<typeof linkSchema>;

/** Whether `YYYY-MM-DD` names a day the calendar has (not 2026-13-45 or 2025-02-30). */
function isCalendarDate(date: string): boolean {
  // Date rolls a day past the month's end over into the next month (2025-02-30 → 2025-03-02).
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

/** `YYYY-MM-DD`, or only `YYYY` where the document gives no more (the bullet-list format). */
export const entryDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, "date must be YYYY-MM-DD (or YYYY where only a year is known)")
  .refine((date) => date.length === 4 || isCalendarDate(date), { error: (issue) => `${String(issue.input)} is not a day of the calendar` });

/**
 * A summary as the catalog writes it: bullets, one prose paragraph, or nothing.
 * All three occur in the real catalog's history.
 */
export const summarySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("bullets"), bullets: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal("prose"), text: z.string() }),
  z.object({ kind: z.literal("none") }),
]);
export type Summary = z.infer<typeof summarySchema>;

/** One paper of the catalog. */
export const entrySchema = z.object({
  date: entryDateSchema,
  title: z.string().min(1),
  summary: summarySchema,
  /** Head types, canonical names from data/heads.json (or new ones a maintainer introduced). */
  tags: z.array(z.string()),
  links: z.array(linkSchema),
  /** The year section the entry sits in, as its heading reads ("Year 2025", "Before ChatGPT Announced"). */
  section: z.string().optional(),
  ids: identityKeysSchema.optional(),
});
export type Entry = z.infer<typeof entrySchema>;
