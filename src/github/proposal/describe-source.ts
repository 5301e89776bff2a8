import { quoteExcerpt } from "../../errors.ts";
import type { SourceName, SourceReport, SourcesReport } from "../../sources/report.ts";
import { countOf } from "./describe-paper.ts";
import { escapeForGitHub } from "./escape.ts";

const SOURCE_NAMES: Record<SourceName, string> = { arxiv: "arXiv", openreview: "OpenReview" };

// Reasons quote other services' answers; a few hundred characters say what went wrong.
const REASON_CHARS = 300;

export function sourceLabel(name: SourceName): string {
  return SOURCE_NAMES[name];
}

export function sourceEntries(report: SourcesReport): [SourceName, SourceReport][] {
  return Object.entries(report.sources) as [SourceName, SourceReport][];
}

// The operator's endpoints (a mirror, a query string) are no one else's business, and a long query
// would push what went wrong out of the excerpt.
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>]*[^\s"'<>.,:;)]/gi;

function reasonOf(report: SourceReport): string {
  return report.reason ? `: ${escapeForGitHub(quoteExcerpt(report.reason.replace(URL_PATTERN, "its endpoint"), REASON_CHARS))}` : "";
}

/**
 * One source's outcome in a line. A failed source is said plainly, in bold: what it would have
 * found is unknown, which is never the same as "no new papers".
 */
export function describeSource(name: SourceName, report: SourceReport): string {
  const label = sourceLabel(name);
  switch (report.status) {
    case "ok":
      return `${label}: ok, ${countOf(report.papers, "paper")}`;
    case "empty":
      return `${label}: searched, no papers in the window`;
    case "failed":
      return `${label}: **failed**${reasonOf(report)}.`;
    case "unavailable":
      return `${label}: not searched (unavailable${reasonOf(report)})`;
  }
}

/** An ISO instant to the minute ("2026-11-18 00:00 UTC"); anything else as it is. */
function formatInstant(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::[\d.]+)?Z$/.exec(text);
  return match ? `${match[1]} ${match[2]} UTC` : text;
}

/** "2026-11-18 00:00 UTC → 2026-11-25 23:59 UTC": the window a scan searched. */
export function describeWindow(report: SourcesReport): string {
  return `${escapeForGitHub(formatInstant(report.window.from))} → ${escapeForGitHub(formatInstant(report.window.to))}`;
}
