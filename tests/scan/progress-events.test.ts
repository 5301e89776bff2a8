import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.ts";
import type { ScanProgressEvent } from "../../src/scan/progress-events.ts";
import { runScan } from "../../src/scan/run-scan.ts";
import { setUpScan } from "../../src/scan/set-up-scan.ts";
import { parsePapersFile } from "../../src/sources/read-papers-file.ts";
import { triagePapers } from "../../src/triage/run.ts";
import { projectRoot } from "../helpers/shared.ts";
import { ARXIV, arxivOnlyConfig, fixture, runSources, seenRequest } from "../sources/helpers.ts";
import { answerFor, completion, fakeEndpoint, llmDeps, paperNamed } from "../triage/helpers/llm.ts";

const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };
const PAGES: Record<string, string> = { "0": "query-page-1.xml", "2": "query-page-2.xml", "4": "query-page-3.xml" };

function fakeArxivPages() {
  nock(ARXIV)
    .get("/api/query")
    .query(true)
    .times(3)
    .reply((arg: string) => [200, fixture("arxiv", PAGES[seenRequest(arg, ARXIV).url.searchParams.get("start")!]!), ATOM]);
}

function collect() {
  const events: ScanProgressEvent[] = [];
  return { events, sink: (event: ScanProgressEvent) => events.push(event) };
}

type SourceProgressEvent = Extract<ScanProgressEvent, { source: unknown }>;

/** One source's events, without the source's name. */
const strip = (events: ScanProgressEvent[], source: string) =>
  events.filter((e): e is SourceProgressEvent => "source" in e && e.source === source).map(({ source: _, ...rest }) => rest);

describe("the progress a scan reports", () => {
  it("tells of each arXiv request, page and spacing wait as it happens, and how each source ended", async () => {
    fakeArxivPages();
    const { events, sink } = collect();
    const { report } = await runSources(arxivOnlyConfig(), {}, { onProgress: sink });
    expect(strip(events, "arxiv")).toEqual([
      { kind: "source-started", queries: 1 },
      { kind: "request-started" },
      { kind: "request-finished", status: 200 },
      { kind: "page", papers: 2 },
      { kind: "spacing-wait", ms: 3000 },
      { kind: "request-started" },
      { kind: "request-finished", status: 200 },
      { kind: "page", papers: 4 },
      { kind: "spacing-wait", ms: 3000 },
      { kind: "request-started" },
      { kind: "request-finished", status: 200 },
      { kind: "page", papers: 5 },
      { kind: "source-finished", status: "ok", papers: 5 },
    ]);
    expect(strip(events, "openreview")).toEqual([{ kind: "source-finished", status: "unavailable", papers: 0, reason: "turned off by sources.openreview.enabled" }]);
    // The report is what it is without a sink.
    expect(report.sources.arxiv).toMatchObject({ status: "ok", requests: 3, pages: 3, papers: 5, retries: 0 });
  });

  it("tells of a retry and its wait, with the reason", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(503, "Service Unavailable", { "Content-Type": "text/plain" });
    nock(ARXIV)
      .get("/api/query")
      .query(true)
      .reply(200, fixture("arxiv", "query-page-3.xml").replace("<opensearch:totalResults>5<", "<opensearch:totalResults>1<"), ATOM);
    const { events, sink } = collect();
    await runSources(arxivOnlyConfig(), {}, { onProgress: sink });
    expect(strip(events, "arxiv")).toEqual([
      { kind: "source-started", queries: 1 },
      { kind: "request-started" },
      { kind: "request-finished", status: 503 },
      // Backoff 5 s with the tests' jitter (0.5): 3.75 s, more than the spacing, so no spacing wait after it.
      { kind: "retry-wait", ms: 3750, reason: "HTTP 503" },
      { kind: "request-started" },
      { kind: "request-finished", status: 200 },
      { kind: "page", papers: 1 },
      { kind: "source-finished", status: "ok", papers: 1 },
    ]);
  });

  it("says when a source failed, and why", async () => {
    nock(ARXIV).get("/api/query").query(true).reply(400, "<html>Bad Request</html>");
    const { events, sink } = collect();
    await runSources(arxivOnlyConfig(), {}, { onProgress: sink });
    const last = strip(events, "arxiv").at(-1)!;
    expect(last).toMatchObject({ kind: "source-finished", status: "failed", papers: 0, reason: expect.stringContaining("HTTP 400") });
  });

  it("goes through the stages, with the offline classifier's papers judged one by one", async () => {
    const catalog = readFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), "utf8");
    const papers = parsePapersFile(readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8"), "papers.json");
    const { events, sink } = collect();
    const deps = setUpScan({ config: configSchema.parse({}), env: {}, supply: { kind: "papers", papers: async () => papers }, forceMode: "offline", onProgress: sink });
    const result = await runScan(catalog, deps);
    expect(events).toEqual([
      { kind: "stage", stage: "finding" },
      { kind: "stage", stage: "dropping-known", found: 5 },
      { kind: "stage", stage: "triaging", candidates: 4, known: 1 },
      { kind: "triage-started", mode: "offline", papers: 4, toJudge: 2 },
      { kind: "paper-judged", judged: 1, of: 2 },
      { kind: "paper-judged", judged: 2, of: 2 },
      { kind: "triage-finished", relevant: 1, held: 0, llmCalls: 0 },
      { kind: "stage", stage: "inserting", drafts: 1 },
      { kind: "stage", stage: "done", inserted: 1 },
    ]);
    expect(result.edit.inserted).toHaveLength(1);
  });

  it("counts LLM calls as they start and end, and each paper as its verdict is in", async () => {
    fakeEndpoint(() => completion(answerFor()));
    const { events, sink } = collect();
    const report = await triagePapers([paperNamed("Successor Heads"), paperNamed("RazorAttention")], llmDeps(), sink);
    expect(events[0]).toEqual({ kind: "triage-started", mode: "llm", papers: 2, toJudge: 2 });
    const calls = events.filter((e) => e.kind === "llm-call");
    expect(calls.filter((e) => e.phase === "started")).toHaveLength(2);
    expect(calls.filter((e) => e.phase === "finished")).toHaveLength(2);
    expect(events.filter((e) => e.kind === "paper-judged")).toEqual([
      { kind: "paper-judged", judged: 1, of: 2 },
      { kind: "paper-judged", judged: 2, of: 2 },
    ]);
    expect(events.at(-1)).toEqual({ kind: "triage-finished", relevant: 2, held: 0, llmCalls: 2 });
    expect(report.llm.calls).toBe(2);
  });
});
