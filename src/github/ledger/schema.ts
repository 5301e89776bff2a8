import { z } from "zod";
import { identityKeysSchema } from "../../paper/identity.ts";
import { COMMAND_LOG_LIMIT, LIMITED_COMMANDS } from "../commands/rate-limit.ts";
import { paperSchema } from "../../sources/paper.ts";
import type { SourceName, SourceStatus } from "../../sources/report.ts";
import type { Decision, HoldReason, Provenance } from "../../triage/verdict.ts";

/**
 * `ledger.json`: headscout's memory of one catalog repository (on its `headscout-state` branch, or
 * a local file for `headscout scan --ledger`). Strict everywhere: a maintainer's typo in a key is an
 * error naming the key, never silently dropped on the next write.
 */
export const LEDGER_VERSION = 1;

/** How the document stays bounded (docs/app.md, "The ledger"). */
export const LEDGER_LIMITS = {
  /** Webhook delivery ids kept for redelivery detection; the oldest is dropped. */
  deliveries: 500,
  /** Scan summaries kept, newest last. */
  scans: 20,
  /** UTC days of LLM spend kept, counted back from the latest recorded day. */
  spendDays: 40,
  /** A paper judged irrelevant and not seen for this many days is forgotten. */
  irrelevantDays: 180,
  /**
   * A paper the prefilter turned away (most of arXiv's ~450 a day), sooner: judging it again costs
   * nothing and gives the same answer, and a scan's window never reaches back this far.
   */
  prefilteredDays: 30,
  /** Characters of a rationale or reason kept (the full text is in the scan's report). */
  text: 500,
} as const;

const instant = z.iso.datetime({ offset: true, error: "expected an ISO 8601 instant such as 2026-06-01T00:00:00.000Z" });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a UTC day YYYY-MM-DD");
const prNumber = z.number().int().positive();
const sha = z.string().regex(/^[0-9a-f]{40}$/, "expected a 40-character commit sha");

const SOURCE_NAMES = ["arxiv", "openreview"] as const satisfies readonly SourceName[];
const DECISIONS = ["relevant", "irrelevant", "needs-manual-triage", "not-triaged"] as const satisfies readonly Decision[];
const HOLDS = ["llm-failed", "answer-unusable", "refused", "instructions-in-text"] as const satisfies readonly HoldReason[];
const STAGES = ["prefilter", "llm", "offline", "submission"] as const satisfies readonly Provenance["stage"][];
const STATUSES = ["ok", "empty", "failed", "unavailable"] as const satisfies readonly SourceStatus[];

/**
 * - judged: a verdict was reached (relevant or irrelevant);
 * - pending: not judged yet (a cap, an outage, held for a maintainer): tried again every run;
 * - proposed: in an open pull request; merged / rejected: that pull request's outcome;
 * - listed: the catalog already lists it.
 */
export const PAPER_STATES = ["judged", "pending", "proposed", "merged", "rejected", "listed"] as const;
export type PaperState = (typeof PAPER_STATES)[number];

export const REJECTION_KINDS = ["closed", "unticked", "dropped"] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

const verdictRecordSchema = z
  .object({
    decision: z.enum(DECISIONS),
    confidence: z.number().min(0).max(1).optional(),
    rationale: z.string().optional(),
    reason: z.string().optional(),
    held: z.enum(HOLDS).optional(),
    stage: z.enum(STAGES),
    model: z.string().optional(),
    promptVersion: z.string().optional(),
    offlineModelVersion: z.string().optional(),
    at: instant,
  })
  .strict();
export type VerdictRecord = z.infer<typeof verdictRecordSchema>;

const paperRecordSchema = z
  .object({
    title: z.string().min(1),
    /** The identity keys, plus the year and first author the short-title guard needs. */
    identity: identityKeysSchema.extend({ year: z.number().int().optional(), firstAuthor: z.string().optional() }).strict(),
    firstSeen: instant,
    lastSeen: instant,
    state: z.enum(PAPER_STATES),
    verdict: verdictRecordSchema.optional(),
    /** The whole paper, while it may still be triaged or proposed (pending, relevant, proposed, rejected). */
    paper: paperSchema.optional(),
    /** The pull request that proposed it (proposed, merged, rejected). */
    proposal: prNumber.optional(),
    rejection: z
      .object({ at: instant, pr: prNumber, how: z.enum(REJECTION_KINDS), by: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type PaperRecord = z.infer<typeof paperRecordSchema>;

const proposalSchema = z
  .object({
    branch: z.string().min(1),
    mode: z.enum(["grouped", "per-paper"]),
    /** Keys into `papers`. */
    papers: z.array(z.string().min(1)),
    state: z.enum(["open", "merged", "closed"]),
    openedAt: instant,
    updatedAt: instant,
    /** The bot's last commit on the branch: another head means someone else pushed. */
    headSha: sha,
    baseSha: sha,
    /** The "left alone" message was posted. */
    humanPushNoticed: z.boolean().default(false),
    /**
     * What the pull request's body says of each paper (the drafted entry and the verdict behind
     * it), so that a rebuild on a moved base renders the same body without judging anything again.
     */
    details: z.array(z.object({ key: z.string().min(1), draft: z.unknown(), verdict: z.unknown() }).strict()).default([]),
    /** Where its papers came from and who judged them, as its body says. */
    provenance: z.unknown().optional(),
  })
  .strict();
export type ProposalRecord = z.infer<typeof proposalSchema>;
export type ProposalMode = ProposalRecord["mode"];

const spendSchema = z.object({ calls: z.number().int().min(0), tokens: z.number().int().min(0), costUsd: z.number().min(0) }).strict();
export type DaySpend = z.infer<typeof spendSchema>;

export const SCAN_TRIGGERS = ["schedule", "command", "cli", "action"] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

const scanSummarySchema = z
  .object({
    at: instant,
    trigger: z.enum(SCAN_TRIGGERS),
    /** Absent when the papers came from a file. */
    window: z.object({ from: instant, to: instant }).strict().optional(),
    sources: z.partialRecord(z.enum(SOURCE_NAMES), z.object({ status: z.enum(STATUSES), reason: z.string().optional() }).strict()).optional(),
    counts: z
      .object({
        found: z.number().int().min(0),
        known: z.number().int().min(0),
        skipped: z.number().int().min(0),
        retried: z.number().int().min(0),
        triaged: z.number().int().min(0),
        relevant: z.number().int().min(0),
        irrelevant: z.number().int().min(0),
        pending: z.number().int().min(0),
        proposed: z.number().int().min(0),
      })
      .strict(),
    prs: z.object({ opened: z.array(prNumber), updated: z.array(prNumber) }).strict().optional(),
    /** The app stopped before the scan finished: nothing of it was recorded but this line (its window is searched again). */
    interrupted: z.literal(true).optional(),
  })
  .strict();
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const ledgerSchema = z
  .object({
    version: z.literal(LEDGER_VERSION),
    /** Per source, the end of the last window it searched successfully (ok or empty). */
    windows: z.partialRecord(z.enum(SOURCE_NAMES), instant).default({}),
    /** Keyed by identity key (`arxiv:2404.15574`). */
    papers: z.record(z.string().min(1), paperRecordSchema).default({}),
    /** Keyed by pull request number. */
    proposals: z.record(z.string().regex(/^[1-9]\d*$/, "expected a pull request number"), proposalSchema).default({}),
    /** Webhook delivery ids acted on, oldest first. */
    deliveries: z.array(z.string().min(1)).default([]),
    /** LLM spend per UTC day. */
    spend: z.record(day, spendSchema).default({}),
    /** The latest scans, oldest first. */
    scans: z.array(scanSummarySchema).default([]),
    /**
     * A scan under way: which app process runs it, until when the claim holds (a crashed process
     * stops holding it). Another process that finds a live claim answers "already running".
     */
    claim: z.object({ by: z.string().min(1), until: instant, origin: z.string(), job: z.string().min(1).optional() }).strict().optional(),
    /** The limited commands (scan, add, redraft) of about the last hour, oldest first: the per-repository rate limit. */
    commands: z
      .array(z.object({ at: instant, kind: z.enum(LIMITED_COMMANDS) }).strict())
      .max(COMMAND_LOG_LIMIT)
      .default([]),
  })
  .strict();
export type Ledger = z.infer<typeof ledgerSchema>;

/** The ledger before the first scan. */
export function emptyLedger(): Ledger {
  return { version: LEDGER_VERSION, windows: {}, papers: {}, proposals: {}, deliveries: [], spend: {}, scans: [], commands: [] };
}
