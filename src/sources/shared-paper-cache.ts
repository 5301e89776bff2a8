import { createHash, randomUUID } from "node:crypto";
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
  /** Where fetched days are kept: this process's memory (default), or Redis shared by replicas. */
  store?: PaperCacheStore;
  /** Waits between looks at days another replica is fetching (tests pass one that returns at once). */
  wait?(ms: number): Promise<void>;
  /**
   * How long a replica's mark on days it fetches lasts unless renewed (it is renewed while the
   * fetch runs): a replica that dies mid-fetch holds the others back this long at most.
   */
  fetchClaimMs?: number;
}

/** One fetch of a run of days: kept once, found by each of its days. */
export interface CachedRange {
  id: string;
  result: FetchSourcesResult;
  at: number;
  /** The range covers a day not yet over: new papers may still arrive. */
  open: boolean;
}

export interface PaperCacheStore {
  /** The range that covers a day, if kept. */
  read(dayKey: string): Promise<CachedRange | undefined>;
  write(dayKeys: readonly string[], range: CachedRange, ttlMs: number): Promise<void>;
  /**
   * Across processes: marks the days as being fetched by this one, for at most `ttlMs`, all or
   * none; returns the days another process is fetching now (then none was marked). A store for
   * one process has nothing to claim.
   */
  claim?(dayKeys: readonly string[], ttlMs: number): Promise<string[]>;
  /** Extends this process's marks while its fetch runs. */
  renew?(dayKeys: readonly string[], ttlMs: number): Promise<void>;
  release?(dayKeys: readonly string[]): Promise<void>;
}

/**
 * Days kept in this process's memory, each until its time to live is over: a server that runs for
 * months keeps the last hours' papers, not every day it ever searched.
 */
export function createMemoryPaperStore(now: () => number = Date.now): PaperCacheStore & { readonly size: number } {
  const days = new Map<string, { range: CachedRange; until: number }>();
  return {
    get size() {
      return days.size;
    },
    read: async (key) => {
      const kept = days.get(key);
      return kept && kept.until > now() ? kept.range : undefined;
    },
    write: async (keys, range, ttlMs) => {
      for (const [key, kept] of days) if (kept.until <= now()) days.delete(key);
      for (const key of keys) days.set(key, { range, until: now() + ttlMs });
    },
  };
}

const FETCH_CLAIM_MS = 60_000;
/** Longest a replica waits on another's (live, renewed) fetch of the same days before fetching them itself. */
const MAX_WAIT_MS = 15 * 60_000;
const POLL_MS = 500;

function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}

/** Runs of consecutive days, as [first, last] pairs. */
function contiguous(days: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/**
 * Papers found for one search, shared by every repository that runs the same search: keyed by
 * (the sources config, UTC day), so that each repository can keep its own window while arXiv
 * sees each day's queries once, however many repositories are installed — and, with a Redis
 * store, however many replicas serve them. Days missing from the cache are fetched as contiguous
 * ranges; a range whose search failed is not kept, so the next scan tries again. Within a process
 * the lookups of one search take turns (the second finds what the first fetched); across
 * processes, a day another replica is fetching is waited for, not fetched again.
 */
export class SharedPaperCache {
  private readonly store: PaperCacheStore;
  private readonly turns = new Map<string, Promise<unknown>>();

  private readonly claimMs: number;

  constructor(private readonly options: SharedPaperCacheOptions) {
    this.store = options.store ?? createMemoryPaperStore(options.now);
    this.claimMs = options.fetchClaimMs ?? FETCH_CLAIM_MS;
  }

  find(config: SourcesConfig, window: SearchWindow): Promise<FetchSourcesResult> {
    const search = createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 16);
    const previous = this.turns.get(search) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => this.findInTurn(search, config, window));
    this.turns.set(search, turn);
    void turn.finally(() => {
      if (this.turns.get(search) === turn) this.turns.delete(search);
    }).catch(() => undefined);
    return turn;
  }

  private async findInTurn(search: string, config: SourcesConfig, window: SearchWindow): Promise<FetchSourcesResult> {
    const keyOf = (day: number) => `${search}|${day}`;
    const found = new Map<string, CachedRange>();
    let wanted = Array.from({ length: dayOf(window.to.getTime()) - dayOf(window.from.getTime()) + 1 }, (_, i) => dayOf(window.from.getTime()) + i);
    for (let waited = 0; wanted.length > 0; waited += POLL_MS) {
      const missing: number[] = [];
      for (const day of wanted) {
        const cached = await this.fresh(keyOf(day));
        if (cached) found.set(cached.id, cached);
        else missing.push(day);
      }
      if (missing.length === 0) break;
      const elsewhere = new Set(waited < MAX_WAIT_MS ? ((await this.store.claim?.(missing.map(keyOf), this.claimMs)) ?? []) : []);
      // Marked all: fetch them. Some are another's: wait for those, then look at all of them again.
      const mine = elsewhere.size === 0 ? missing : [];
      for (const range of await Promise.all(contiguous(mine).map(([from, to]) => this.fetchDays(search, config, from, to)))) found.set(range.id, range);
      wanted = elsewhere.size === 0 ? [] : missing;
      if (wanted.length > 0) await (this.options.wait ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(POLL_MS);
    }
    return combine([...found.values()].map((r) => r.result), window);
  }

  private async fresh(key: string): Promise<CachedRange | undefined> {
    const cached = await this.store.read(key);
    if (!cached) return undefined;
    const ttl = cached.open ? (this.options.todayTtlMs ?? 3600_000) : (this.options.ttlMs ?? 6 * 3600_000);
    return this.options.now() - cached.at <= ttl ? cached : undefined;
  }

  private async fetchDays(search: string, config: SourcesConfig, from: number, to: number): Promise<CachedRange> {
    const keys = Array.from({ length: to - from + 1 }, (_, i) => `${search}|${from + i}`);
    const now = this.options.now();
    const renewing = this.store.renew ? setInterval(() => void this.store.renew!(keys, this.claimMs).catch(() => undefined), this.claimMs / 3) : undefined;
    renewing?.unref();
    try {
      const window = { from: new Date(from * DAY_MS), to: new Date(Math.min((to + 1) * DAY_MS - 60_000, now - (now % 60_000))) };
      const result = await this.options.fetchWindow(config, window);
      const range: CachedRange = { id: randomUUID(), result, at: now, open: to >= dayOf(now) };
      const failed = Object.values(result.report.sources).some((s) => s.status === "failed");
      if (!failed) await this.store.write(keys, range, Math.max(this.options.ttlMs ?? 6 * 3600_000, this.options.todayTtlMs ?? 3600_000));
      return range;
    } finally {
      clearInterval(renewing);
      await this.store.release?.(keys);
    }
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
