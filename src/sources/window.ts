import { quoteExcerpt, UsageError } from "../errors.ts";
import type { SearchWindow } from "./arxiv/build-query.ts";

/** `--since` from 00:00 GMT through `--until` 23:59 GMT (or now). A bad date is a usage error (exit 2). */
export function readWindow(since: string, until: string | undefined, now: number): SearchWindow {
  const from = readDay(since, "--since");
  const to = until ? new Date(readDay(until, "--until").getTime() + 24 * 3600_000 - 60_000) : new Date(now - (now % 60_000));
  if (from.getTime() > to.getTime()) throw new UsageError(`--since ${since} is after ${until ? `--until ${until}` : "now"}`);
  return { from, to };
}

function readDay(text: string, option: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new UsageError(`${option} ${quoteExcerpt(text, 40)} is not a date (YYYY-MM-DD)`);
  return date;
}
