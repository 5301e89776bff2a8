import { describe, expect, it } from "vitest";
import { sourcesConfigSchema } from "../../src/sources/config.ts";
import type { FetchSourcesResult } from "../../src/sources/fetch-all.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { createMemoryPaperStore, SharedPaperCache } from "../../src/sources/shared-paper-cache.ts";

const config = sourcesConfigSchema.parse({});
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const report = (status: "ok" | "failed", papers: number) => ({ status, requests: 1, retries: 0, pages: 1, papers, notes: [], ...(status === "failed" ? { reason: "arXiv answered 503" } : {}) });

function paperOn(date: string, n: number): Paper {
  return { ids: { arxiv: `2611.${String(n).padStart(5, "0")}` }, title: `Paper ${n}`, abstract: "", authors: [], published: `${date}T10:00:00Z`, categories: [], links: {}, sources: ["arxiv"] };
}

function fakeSources(status: "ok" | "failed" = "ok") {
  const windows: string[] = [];
  const fetchWindow = async (_: unknown, window: { from: Date; to: Date }): Promise<FetchSourcesResult> => {
    windows.push(`${window.from.toISOString().slice(0, 10)}..${window.to.toISOString().slice(0, 10)}`);
    const papers = [paperOn(window.from.toISOString().slice(0, 10), windows.length)];
    return { papers, report: { window: { from: window.from.toISOString(), to: window.to.toISOString() }, sources: { arxiv: report(status, 1), openreview: { ...report("ok", 0), status: "unavailable", reason: "no credentials" } }, papers: 1, merged: 0 } };
  };
  return { windows, fetchWindow };
}

describe("papers shared across repositories", () => {
  const now = () => Date.parse("2026-11-20T12:00:00Z");

  it("fetches a day once, however many repositories ask for overlapping windows", async () => {
    const sources = fakeSources();
    const cache = new SharedPaperCache({ fetchWindow: sources.fetchWindow, now });
    const first = await cache.find(config, { from: day("2026-11-10"), to: day("2026-11-13") });
    const second = await cache.find(config, { from: day("2026-11-12"), to: day("2026-11-16") });
    expect(sources.windows).toEqual(["2026-11-10..2026-11-13", "2026-11-14..2026-11-16"]);
    expect(first.papers).toHaveLength(1);
    expect(second.papers.map((p) => p.title)).toEqual(["Paper 1", "Paper 2"]);
    expect(second.report.sources.openreview).toMatchObject({ status: "unavailable", reason: "no credentials" });
  });

  it("shares a fetch in flight between two scans that start together", async () => {
    const sources = fakeSources();
    const cache = new SharedPaperCache({ fetchWindow: sources.fetchWindow, now });
    const window = { from: day("2026-11-10"), to: day("2026-11-12") };
    await Promise.all([cache.find(config, window), cache.find(config, window)]);
    expect(sources.windows).toHaveLength(1);
  });

  it("keeps no failed search: the next scan asks again, and the failure is reported as such", async () => {
    const sources = fakeSources("failed");
    const cache = new SharedPaperCache({ fetchWindow: sources.fetchWindow, now });
    const window = { from: day("2026-11-10"), to: day("2026-11-11") };
    const result = await cache.find(config, window);
    expect(result.report.sources.arxiv).toMatchObject({ status: "failed", reason: "arXiv answered 503" });
    await cache.find(config, window);
    expect(sources.windows).toHaveLength(2);
  });

  it("keeps searches with another config apart, and refreshes a day that is not over yet", async () => {
    const sources = fakeSources();
    let clock = now();
    const cache = new SharedPaperCache({ fetchWindow: sources.fetchWindow, now: () => clock, todayTtlMs: 3600_000 });
    const today = { from: day("2026-11-20"), to: new Date(clock) };
    await cache.find(config, today);
    await cache.find(sourcesConfigSchema.parse({ arxiv: { categories: ["cs.CL"] } }), today);
    await cache.find(config, today);
    expect(sources.windows).toHaveLength(2);
    clock += 2 * 3600_000;
    await cache.find(config, { from: day("2026-11-20"), to: new Date(clock) });
    expect(sources.windows).toHaveLength(3);
  });

  it("keeps a fetched day only for its time to live: a server running for months does not keep every day it searched", async () => {
    let clock = now();
    const store = createMemoryPaperStore(() => clock);
    const sources = fakeSources();
    const cache = new SharedPaperCache({ fetchWindow: sources.fetchWindow, now: () => clock, store, ttlMs: 6 * 3600_000, todayTtlMs: 3600_000 });
    await cache.find(config, { from: day("2026-11-10"), to: day("2026-11-12") });
    expect(store.size).toBe(3);
    clock += 6 * 3600_000 + 1;
    await cache.find(config, { from: day("2026-11-13"), to: day("2026-11-13") });
    expect(store.size).toBe(1);
    expect(sources.windows).toEqual(["2026-11-10..2026-11-12", "2026-11-13..2026-11-13"]);
  });
});
