import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../helpers/shared.ts";
import { sourcesConfigSchema, type SourcesConfig } from "../../src/sources/config.ts";
import { createManualClock } from "../../src/sources/http/clock.ts";
import { fetchAllSources, type FetchSourcesOptions } from "../../src/sources/fetch-all.ts";
import { readSourceSettings } from "../../src/sources/settings.ts";

export const ARXIV = "https://export.arxiv.org";
export const OPENREVIEW = "https://api2.openreview.net";

export function fixture(kind: "arxiv" | "openreview", name: string): string {
  return readFileSync(join(projectRoot, "tests", "fixtures", kind, name), "utf8");
}

/** The window of the fixtures: papers submitted on 1–2 June 2026. */
export const JUNE_WINDOW = { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-02T23:59:00Z") };

/** One query ("attention head"), OpenReview off, pages of two: what most arXiv tests need. */
export function arxivOnlyConfig(overrides: Record<string, unknown> = {}): SourcesConfig {
  return sourcesConfigSchema.parse({
    arxiv: { phrases: ["attention head"], combinations: [], pageSize: 2, ...overrides },
    openreview: { enabled: false },
  });
}

/** Runs the sources against nock with a manual clock; no test waits in real time. */
export async function runSources(
  config: SourcesConfig,
  env: Record<string, string | undefined> = {},
  extra: Partial<FetchSourcesOptions> = {},
) {
  const clock = createManualClock(Date.parse("2026-06-03T12:00:00Z"));
  const result = await fetchAllSources({
    config,
    window: JUNE_WINDOW,
    settings: readSourceSettings(env),
    clock,
    random: () => 0.5,
    ...extra,
  });
  return { ...result, clock };
}

/**
 * What a nock reply function was called with: nock 15 passes the fetch `Request` where its types
 * still say a path string.
 */
export function seenRequest(arg: unknown, base: string): { url: URL; header(name: string): string | null } {
  if (typeof arg === "string") return { url: new URL(arg, base), header: () => null };
  const request = arg as Request;
  return { url: new URL(request.url), header: (name) => request.headers.get(name) };
}
