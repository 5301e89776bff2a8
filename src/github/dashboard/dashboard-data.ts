import { z } from "zod";
import type { SourceName, SourceStatus } from "../../sources/report.ts";
import { needsPerson, relevanceOf } from "../commands/describe-record.ts";
import type { DaySpend, Ledger, PaperRecord, ProposalRecord, ScanSummary } from "../ledger/schema.ts";

/** `dashboard:` in .github/headscout.yml. */
export const dashboardConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Keep a dashboard issue: sources' health, open pull requests, near misses, held and rejected papers, LLM spend."),
    nearMissFloor: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe("Papers judged irrelevant whose relevance (1 − the verdict's confidence) is at least this are listed as near misses, each with a box that proposes it."),
  })
  .strict();
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

// What the dashboard shows, selected from the ledger. Pure.

export const SOURCE_NAMES: readonly SourceName[] = ["arxiv", "openreview"];

export interface SourceHealth {
  name: SourceName;
  /** The latest scan that searched (or tried to search) this source. */
  last?: { at: string; trigger: ScanSummary["trigger"]; status: SourceStatus; reason?: string };
  /** How many scans in a row, up to the latest, it failed (0 when the latest did not fail). */
  failedInARow: number;
  /** The end of the last window it searched successfully (`ledger.windows`). */
  searchedUpTo?: string;
}

/** Per source, its latest scan and how it went; failed is never shown as empty. */
export function sourceHealth(ledger: Ledger): SourceHealth[] {
  return SOURCE_NAMES.map((name) => {
    const scans = ledger.scans.filter((scan) => scan.sources?.[name]);
    const latest = scans.at(-1);
    let failedInARow = 0;
    for (let i = scans.length - 1; i >= 0 && scans[i]!.sources![name]!.status === "failed"; i--) failedInARow++;
    const source = latest?.sources?.[name];
    return {
      name,
      ...(latest && source ? { last: { at: latest.at, trigger: latest.trigger, status: source.status, ...(source.reason ? { reason: source.reason } : {}) } } : {}),
      failedInARow,
      ...(ledger.windows[name] ? { searchedUpTo: ledger.windows[name] } : {}),
    };
  });
}

export interface PaperItem {
  key: string;
  record: PaperRecord;
}

export interface NearMiss extends PaperItem {
  relevance: number;
}

/**
 * Near misses: papers a model or the classifier judged irrelevant (the prefilter gives no
 * confidence), but only just: their relevance (`relevanceOf`: one minus the verdict's confidence)
 * is at least `floor`. An irrelevant verdict is below the threshold it was decided by, so these are
 * the papers between the floor and the relevance threshold. Nothing new is stored: the ledger's
 * verdict records (decision, confidence, stage) say it. Most relevant first, then the latest.
 */
export function nearMisses(ledger: Ledger, floor: number): NearMiss[] {
  const found: NearMiss[] = [];
  for (const [key, record] of Object.entries(ledger.papers)) {
    if (record.state !== "judged" || record.verdict?.decision !== "irrelevant") continue;
    const relevance = relevanceOf(record.verdict);
    if (relevance !== undefined && relevance >= floor) found.push({ key, record, relevance });
  }
  return found.sort((a, b) => b.relevance - a.relevance || Date.parse(b.record.verdict!.at) - Date.parse(a.record.verdict!.at) || a.key.localeCompare(b.key));
}

/** Whether a key a ticked box names is (still) a near miss: only those are proposed from the dashboard. */
export function isNearMiss(ledger: Ledger, key: string, floor: number): boolean {
  return nearMisses(ledger, floor).some((miss) => miss.key === key);
}

function byLatest(at: (item: PaperItem) => string) {
  return (a: PaperItem, b: PaperItem) => Date.parse(at(b)) - Date.parse(at(a)) || a.key.localeCompare(b.key);
}

/** Pending papers held for a person (refused by the LLM, or text addressing a model), the latest first. */
export function heldForMaintainer(ledger: Ledger): PaperItem[] {
  return Object.entries(ledger.papers)
    .filter(([, record]) => needsPerson(record))
    .map(([key, record]) => ({ key, record }))
    .sort(byLatest((item) => item.record.verdict?.at ?? item.record.lastSeen));
}

/** Pending papers that wait for the next scan (a per-run cap, an LLM outage, a lifted rejection). */
export function waitingForNextScan(ledger: Ledger): number {
  return Object.values(ledger.papers).filter((record) => record.state === "pending" && !needsPerson(record)).length;
}

/** Rejected papers, the latest rejection first. */
export function rejectedPapers(ledger: Ledger): PaperItem[] {
  return Object.entries(ledger.papers)
    .filter(([, record]) => record.state === "rejected")
    .map(([key, record]) => ({ key, record }))
    .sort(byLatest((item) => item.record.rejection?.at ?? item.record.lastSeen));
}

/** Open bot pull requests, the latest updated first. */
export function openProposals(ledger: Ledger): { pr: number; proposal: ProposalRecord }[] {
  return Object.entries(ledger.proposals)
    .filter(([, proposal]) => proposal.state === "open")
    .map(([pr, proposal]) => ({ pr: Number(pr), proposal }))
    .sort((a, b) => Date.parse(b.proposal.updatedAt) - Date.parse(a.proposal.updatedAt) || b.pr - a.pr);
}

/** LLM spend of the UTC month `now` falls in, and of its day. */
export function monthSpend(ledger: Ledger, now: Date): { month: DaySpend; today: DaySpend; days: number } {
  const month = now.toISOString().slice(0, 7);
  const today = now.toISOString().slice(0, 10);
  const total: DaySpend = { calls: 0, tokens: 0, costUsd: 0 };
  let days = 0;
  for (const [day, spend] of Object.entries(ledger.spend)) {
    if (!day.startsWith(month)) continue;
    days++;
    total.calls += spend.calls;
    total.tokens += spend.tokens;
    total.costUsd += spend.costUsd;
  }
  return { month: total, today: ledger.spend[today] ?? { calls: 0, tokens: 0, costUsd: 0 }, days };
}
