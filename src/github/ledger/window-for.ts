import type { Config } from "../../config/schema.ts";
import type { SearchWindow } from "../../sources/arxiv/build-query.ts";
import type { SourceName } from "../../sources/report.ts";
import type { SourceSettings } from "../../sources/settings.ts";
import type { Ledger } from "./schema.ts";

const DAY_MS = 24 * 3600_000;

export interface WindowOptions {
  now: Date;
  /** How far back the first scan of a source looks. */
  firstLookbackDays: number;
  /** How far before the last searched end a scan starts again: arXiv's index lags its announcements. */
  overlapDays: number;
}

/**
 * The window a source searches next: from the end of its last successful search minus the overlap
 * (or, never searched, now minus the first lookback) to now. A failed search never moved that end,
 * so the gap it left is searched again.
 */
export function windowFor(ledger: Ledger, source: SourceName, options: WindowOptions): SearchWindow {
  const now = options.now.getTime();
  const last = ledger.windows[source];
  const from = last ? Date.parse(last) - options.overlapDays * DAY_MS : now - options.firstLookbackDays * DAY_MS;
  return { from: new Date(Math.min(from, now)), to: new Date(now) };
}

/**
 * One window for the sources a scan will search together (`fetchAllSources` takes one): the
 * earliest start any of them needs. A source that cannot run (turned off, OpenReview without
 * credentials) never moves its window, so it is left out rather than holding every scan at the
 * first lookback.
 */
export function windowForScan(
  ledger: Ledger,
  config: Pick<Config, "sources" | "schedule">,
  settings: Pick<SourceSettings, "openreviewCredentials">,
  now: Date,
): SearchWindow {
  const searched: SourceName[] = [];
  if (config.sources.arxiv.enabled) searched.push("arxiv");
  if (config.sources.openreview.enabled && settings.openreviewCredentials) searched.push("openreview");
  const options = { now, firstLookbackDays: config.schedule.firstLookbackDays, overlapDays: config.schedule.overlapDays };
  const starts = (searched.length ? searched : (["arxiv"] as const)).map((source) => windowFor(ledger, source, options).from.getTime());
  return { from: new Date(Math.min(...starts)), to: new Date(now.getTime()) };
}
