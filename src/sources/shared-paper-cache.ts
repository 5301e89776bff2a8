import { createHash } from "node:crypto";
import type { SearchWindow } from "./arxiv/build-query.ts";
import type { SourcesConfig } from "./config.ts";
import type { FetchSourcesResult } from "./fetch-all.ts";
import { mergePapers } from "./merge.ts";
import type { SourceName, SourceReport, SourcesReport } from "./report.ts";

const DAY_MS = 24 * 3600_000;

export interface SharedPaperCacheOptions {
  /** Runs the sources over a window (fetchAllSources with the process's settings). */
  fetchWindow(config: SourcesConfig, window: SearchWindow): Promise<FetchSourcesResult>;
  now(): number;
  /** How long a fetched day stays fresh; a day not yet over stays fresh for `todayTtlMs`. */
  ttlMs?: number;
  todayTtlMs?: number;
}

interface CachedRange {
  result: FetchSourcesResult;
  at: number;
  /** The range covers a day not yet over: new papers may still arrive. */
  open: boolean;
}

function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}

/**
 * Papers found for one search, shared by every repository that runs the same search: keyed by
 * (the sources config, UTC day), so that each repository can keep its own window while arXiv
 * sees each day's queries once, however many repositories are installed. Days missing from the
 * cache are fetched as contiguous ranges; a range whose search failed is not kept, so the next
 * scan tries again.
 */
export class SharedPaperCache {
  private readonly days = new Map<string, CachedRange>();
  private readonly inFlight = new Map<string, Promise<CachedRange>>();

  constructor(private readonly options: SharedPaperCacheOptions) {}

  async find(config: SourcesConfig, window: SearchWindow): Promise<FetchSourcesResult> {
    const search = createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 16);
    const first = dayOf(window.from.getTime());
    const last = dayOf(window.to.getTime());
    const ranges: Promise<CachedRange>[] = [];
    let missingFrom: number | undefined;
    const flush = (end: number) => {
      if (missingFrom === undefined) return;
      ranges.push(this.fetchDays(search, config, missingFrom, end));
      missingFrom = undefined;
    };
    for (let day = first; day <= last; day++) {
      const cached = this.fresh(`${search}|${day}`) ?? this.inFlight.get(`${search}|${day}`);
      if (cached) {
        flush(day - 1);
        ranges.push(Promise.resolve(cached));
      } else {
        missingFrom ??= day;
      }
    }
    flush(last);
    const results = [...new Set(await Promise.all(ranges))].map((r) => r.result);
    return combine(results, window);
  }

  private fresh(key: string): CachedRange | undefined {
    const cached = this.days.get(key);
    if (!cached) return undefined;
    const ttl = cached.open ? (this.options.todayTtlMs ?? 3600_000) : (this.options.ttlMs ?? 6 * 3600_000);
    return this.options.now() - cached.at <= ttl ? cached : undefined;
  }

  private fetchDays(search: string, config: SourcesConfig, from: number, to: number): Promise<CachedRange> {
    const keys = Array.from({ length: to - from + 1 }, (_, i) => `${search}|${from + i}`);
    const now = this.options.now();
    const range = (async () => {
      const window = { from: new Date(from * DAY_MS), to: new Date(Math.min((to + 1) * DAY_MS - 60_000, now - (now % 60_000))) };
      const result = await this.options.fetchWindow(config, window);
      const cached = { result, at: now, open: to >= dayOf(now) };
      const failed = Object.values(result.report.sources).some((s) => s.status === "failed");
      if (!failed) for (const key of keys) this.days.set(key, cached);
      return cached;
    })();
    for (const key of keys) this.inFlight.set(key, range);
    return range.finally(() => {
      for (const key of keys) if (this.inFlight.get(key) === range) this.inFlight.delete(key);
    });
  }
}

/**
 * Results of several ranges as one: their papers merged (whole days, so a few may precede the
 * window's first minute: the catalog and the ledger drop what is known), each source's worst status.
 */
function combine(results: readonly FetchSourcesResult[], window: SearchWindow): FetchSourcesResult {
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const { papers, merged } = mergePapers(results.flatMap((r) => r.papers));
  const sources = Object.fromEntries(
    (["arxiv", "openreview"] as SourceName[]).map((name) => [name, combineReports(results.map((r) => r.report.sources[name]))]),
  ) as SourcesReport["sources"];
  return { papers, report: { window: { from, to }, sources, papers: papers.length, merged } };
}

const WORST: SourceReport["status"][] = ["failed", "unavailable", "ok", "empty"];

function combineReports(reports: readonly SourceReport[]): SourceReport {
  const status = WORST.find((s) => reports.some((r) => r.status === s)) ?? "empty";
  const reason = reports.find((r) => r.status === status && r.reason)?.reason;
  const sum = (key: "requests" | "retries" | "pages" | "papers") => reports.reduce((n, r) => n + r[key], 0);
  return {
    status,
    ...(reason ? { reason } : {}),
    requests: sum("requests"),
    retries: sum("retries"),
    pages: sum("pages"),
    papers: sum("papers"),
    notes: [...new Set(reports.flatMap((r) => r.notes))],
  };
}
