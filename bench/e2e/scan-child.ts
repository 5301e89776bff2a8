// The end-to-end scans in a process of their own (so that their memory is their own): the app,
// started as the app tests start it, with the fake GitHub over a socket, the fake arXiv of the
// parent (another process, its address read from stdin) and a fake OpenAI-compatible server over a
// socket. A maintainer's `@headscout scan since …` on one repository (triage.mode: offline), then
// on a second one (the default: the LLM, since the operator set a key), whose papers come from the
// app's shared paper cache as they would in a real app serving two repositories.
// Prints `RESULT {json}` with one result per scan.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Clock } from "../../src/sources/http/clock.ts";
import { estimateTokens } from "../../src/triage/llm/prompt.ts";
import type { Ledger } from "../../src/github/ledger/schema.ts";
import { MAINTAINER, REPO, startWorld, type World } from "../../tests/github/app/harness.ts";
import { chatCompletion, startFakeOpenAi, type ChatRequest } from "../../tests/helpers/fake-openai-server.ts";
import { generateHtml } from "../catalog.bench.ts";

export interface ScanChildResult {
  mode: "offline" | "llm";
  repo: string;
  wallMs: number;
  /** Wall time with a request to each fake outstanding (request sent → response headers), overlaps merged. */
  waitingMs: { arxiv: number; github: number; llm: number; anyFake: number };
  spacing: { waits: number; waitedMs: number };
  arxivRequests: number;
  /** What the fake arXiv says it served (its own count). */
  arxivServed: { requests: number; entries: number; bytes: number; serveMs: number };
  githubRequests: number;
  githubWrites: number;
  /** Requests the client saw for the fake GitHub (a check that the count above is the client's too). */
  githubRequestsSeenByClient: number;
  pullRequests: number;
  papersInPullRequest: number;
  counts: Record<string, number>;
  ledgerBytes: number;
  /** peakRssMb: the process's maxRSS when the scan ended (its whole life so far: the first scan's own peak). */
  memory: { baselineRssMb: number; baselineHeapMb: number; peakRssMb: number; sampledPeakRssMb: number; sampledPeakHeapMb: number; samples: number };
  llm: { calls: number; promptTokens: number; cachedTokens: number; completionTokens: number };
  reply: string;
  problems: { rejected: number; unhandled: number; responseProblems: number };
}

const MB = 2 ** 20;
const since = process.env.HEADSCOUT_E2E_SINCE ?? "2025-11-20";

/**
 * The sources' clock: real time, except that a sleep returns at once and moves this clock's time
 * on by the sleep. The throttle therefore sees the real time between two requests (the fake
 * arXiv's answer and our handling of it) and sleeps only the rest of arXiv's 3 s, as in a real
 * run; what it would have slept is recorded instead of waited.
 */
function skippingClock(): Clock & { waits: number; waitedMs: number } {
  let skipped = 0;
  const clock = {
    waits: 0,
    waitedMs: 0,
    now: () => Date.now() + skipped,
    sleep: async (ms: number) => {
      clock.waits++;
      clock.waitedMs += ms;
      skipped += ms;
    },
    timeout: (ms: number) => AbortSignal.timeout(ms),
  };
  return clock;
}

/** Every fetch of this process (the sources', Octokit's, the OpenAI SDK's), timed to its response headers. */
const intervals: { origin: string; start: number; end: number }[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const start = performance.now();
  try {
    return await realFetch(input, init);
  } finally {
    intervals.push({ origin: new URL(url).origin, start, end: performance.now() });
  }
};

/** Total length of the union of the intervals within [from, to]. */
function covered(spans: readonly { start: number; end: number }[], from: number, to: number): number {
  const sorted = spans.map((s) => ({ start: Math.max(from, s.start), end: Math.min(to, s.end) })).filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = -Infinity;
  for (const s of sorted) {
    if (s.end <= reach) continue;
    total += s.end - Math.max(s.start, reach);
    reach = s.end;
  }
  return total;
}

// The fake model: relevant for papers that name heads with a function, with a grounded tag and
// summary; usage counted as a provider with prefix caching would (≈ 4 characters a token, the
// system prompt cached in 128-token blocks from the second request on).
const RELEVANT = /We identify a small set of ([a-z ]+) heads: attention heads that ([^.]+)\./;
let seenSystem = false;
let usage = { calls: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0 };
function answerFor(request: ChatRequest) {
  const system = request.body.messages.find((m) => m.role === "system")?.content ?? "";
  const user = request.body.messages.find((m) => m.role === "user")?.content ?? "";
  const m = RELEVANT.exec(request.paper.abstract);
  const answer = m
    ? {
        relevant: true,
        confidence: 0.88,
        rationale: "Identifies specific attention heads and what they do, with patching and ablation.",
        tags: [{ name: `${m[1]!.replace(/\b\w/g, (c) => c.toUpperCase())} Head`, evidence: `${m[1]} heads` }],
        newHeadTypes: [],
        summary: [`Identifies a small set of ${m[1]} heads that ${m[2]}.`, "Located with activation patching and path patching.", "Ablating these heads removes the behaviour; random heads do not."],
      }
    : { relevant: false, confidence: 0.84, rationale: "Uses or changes attention heads without saying what specific heads do.", tags: [], newHeadTypes: [], summary: [] };
  const content = JSON.stringify(answer);
  const systemTokens = estimateTokens(system);
  const promptTokens = systemTokens + estimateTokens(user);
  const cachedTokens = seenSystem && systemTokens >= 1024 ? Math.floor(systemTokens / 128) * 128 : 0;
  seenSystem = true;
  const completionTokens = estimateTokens(content);
  usage.calls++;
  usage.promptTokens += promptTokens;
  usage.cachedTokens += cachedTokens;
  usage.completionTokens += completionTokens;
  return {
    json: chatCompletion(answer, {
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, prompt_tokens_details: { cached_tokens: cachedTokens } },
    }),
  };
}

// The parent starts this process at once and sends the fake arXiv's address when it is up.
const arxivApiUrl = await new Promise<string>((resolve, reject) => {
  let input = "";
  process.stdin.on("data", (d: Buffer) => {
    input += d.toString();
    if (input.includes("\n")) resolve(input.split("\n")[0]!.trim());
  });
  process.stdin.on("end", () => reject(new Error("stdin closed before the fake arXiv's address came")));
});

const llm = await startFakeOpenAi((request) => answerFor(request));
const clock = skippingClock();
/** A year's backfill: the repositories and the operator allow 20,000 results a query (default 10,000). */
const sources = ["sources:", "  arxiv:", "    maxResults: 20000", "  openreview:", "    enabled: false"];
const LLM_REPO = "octo-lab/catalog-llm";
const world: World = await startWorld(
  { "README.md": generateHtml(150), ".github/headscout.yml": [...sources, "triage:", "  mode: offline", ""].join("\n") },
  {
    env: {
      ARXIV_API_URL: arxivApiUrl,
      ARXIV_INTERVAL_MS: "3000",
      HEADSCOUT_MAX_ARXIV_RESULTS: "20000",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_BASE_URL: llm.baseUrl,
    },
    sourcesClock: clock,
  },
);
world.fake.state.seedRepo({ owner: "octo-lab", repo: "catalog-llm", files: { "README.md": generateHtml(150), ".github/headscout.yml": [...sources, ""].join("\n") } });
world.fake.state.setRole(LLM_REPO, MAINTAINER, "maintain");
const statsUrl = new URL("/stats", arxivApiUrl).href;
const served = async () => (await (await realFetch(statsUrl)).json()) as { requests: number; entries: number; bytes: number; serveMs: number };

/** A maintainer's comment on a fresh issue of `repo`, delivered; resolves when the app's work is done. */
async function command(repo: string, body: string): Promise<number> {
  world.fake.act.openIssue(repo, "Papers", "", MAINTAINER);
  const issue = Math.max(...world.fake.state.repo(repo).issues.keys());
  const delivery = { ...world.fake.act.comment(repo, issue, body, MAINTAINER), id: randomUUID() };
  const sent = await world.fake.sendWebhook(world.app.webhookUrl, delivery);
  if (sent.status !== 200) throw new Error(`the webhook was answered ${sent.status}`);
  await world.app.handle.jobs.idle();
  return issue;
}

async function scanOnce(mode: "offline" | "llm", repo: string): Promise<ScanChildResult> {
  usage = { calls: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0 };
  const waitsBefore = { waits: clock.waits, waitedMs: clock.waitedMs };
  // Memory: the baseline after a full collection, then sampled every 20 ms through the scan.
  globalThis.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let samples = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples++;
  }, 20);

  const servedBefore = await served();
  const requestsBefore = world.fake.requests.length;
  const fetchesBefore = intervals.length;
  const t0 = performance.now();
  const issue = await command(repo, `@headscout scan since ${since}`);
  const t1 = performance.now();
  clearInterval(sampler);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const servedAfter = await served();

  const requests = world.fake.requests.slice(requestsBefore);
  const during = intervals.slice(fetchesBefore);
  const githubOrigin = new URL(world.fake.apiUrl).origin;
  const arxivOrigin = new URL(arxivApiUrl).origin;
  const llmOrigin = new URL(llm.baseUrl).origin;
  const of = (origin: string) => during.filter((i) => i.origin === origin);
  const ledgerText = world.fake.state.readFile(repo, "headscout-state", "ledger.json") ?? "";
  const ledger = JSON.parse(ledgerText) as Ledger;
  const state = world.fake.state.repo(repo);
  const reply = [...state.comments.values()].filter((c) => c.issueNumber === issue && c.user.login.endsWith("[bot]")).at(-1)?.body ?? "";
  return {
    mode,
    repo,
    wallMs: t1 - t0,
    waitingMs: {
      arxiv: covered(of(arxivOrigin), t0, t1),
      github: covered(of(githubOrigin), t0, t1),
      llm: covered(of(llmOrigin), t0, t1),
      anyFake: covered(during.filter((i) => [arxivOrigin, githubOrigin, llmOrigin].includes(i.origin)), t0, t1),
    },
    spacing: { waits: clock.waits - waitsBefore.waits, waitedMs: clock.waitedMs - waitsBefore.waitedMs },
    arxivRequests: of(arxivOrigin).length,
    arxivServed: {
      requests: servedAfter.requests - servedBefore.requests,
      entries: servedAfter.entries - servedBefore.entries,
      bytes: servedAfter.bytes - servedBefore.bytes,
      serveMs: servedAfter.serveMs - servedBefore.serveMs,
    },
    githubRequests: requests.length,
    githubWrites: requests.filter((r) => r.method !== "GET").length,
    githubRequestsSeenByClient: of(githubOrigin).length,
    pullRequests: [...state.issues.values()].filter((i) => i.pull).length,
    papersInPullRequest: Object.values(ledger.proposals).reduce((n, p) => n + p.papers.length, 0),
    counts: ledger.scans.at(-1)?.counts ?? {},
    ledgerBytes: Buffer.byteLength(ledgerText),
    memory: {
      baselineRssMb: baseline.rss / MB,
      baselineHeapMb: baseline.heapUsed / MB,
      peakRssMb,
      sampledPeakRssMb: peakRss / MB,
      sampledPeakHeapMb: peakHeap / MB,
      samples,
    },
    llm: usage,
    reply,
    problems: { rejected: world.fake.rejected.length, unhandled: world.fake.unhandled.length, responseProblems: world.fake.responseProblems.length },
  };
}

const offline = await scanOnce("offline", REPO);
const withLlm = await scanOnce("llm", LLM_REPO);
await world.app.close();
await world.fake.close();
await llm.close();
process.stdout.write(`\nRESULT ${JSON.stringify([offline, withLlm])}\n`, () => process.exit(0));
