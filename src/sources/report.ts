import type { Paper } from "./paper.ts";

export type SourceName = "arxiv" | "openreview";

/** What a search has gathered so far; filled as pages arrive, so a failure keeps what came before. */
export interface SearchProgress {
  papers: Paper[];
  pages: number;
  /** Entries skipped and limits reached, one line each. */
  notes: string[];
}

/**
 * ok: papers found; empty: searched fine, nothing in the window; failed: an error cut the search
 * short (`reason` says which request); unavailable: not usable this run (no credentials, a bot
 * challenge, turned off), which is not the same as "nothing new".
 */
export type SourceStatus = "ok" | "empty" | "failed" | "unavailable";

export interface SourceReport {
  status: SourceStatus;
  reason?: string;
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  /** Result pages read. */
  pages: number;
  /** Papers this source reported in the window (before merging). */
  papers: number;
  /** arXiv: the search queries run. */
  queries?: number;
  /** Entries skipped and limits reached, one line each. */
  notes: string[];
}

export interface SourcesReport {
  window: { from: string; to: string };
  sources: Record<SourceName, SourceReport>;
  /** Papers after merging. */
  papers: number;
  /** Reports folded into another (same paper from both sources, or twice in one). */
  merged: number;
}

export function statusOf(papers: number): SourceStatus {
  return papers > 0 ? "ok" : "empty";
}

export function unavailableReport(reason: string): SourceReport {
  return { status: "unavailable", reason, requests: 0, retries: 0, pages: 0, papers: 0, notes: [] };
}
