// An end-to-end scan of a window holding 20,000 arXiv papers, as the GitHub App runs it: a
// maintainer's `@headscout scan since 2025-11-20` on a repository of the fake GitHub (over a
// socket), arXiv faked at the HTTP level in its wire format (Atom pages of up to 2,000 entries,
// queries evaluated, paged as the client pages) in a process of its own, OpenReview turned off.
// The scans run in a child process of their own, so that their memory is their own. Wall time is
// split into waiting on arXiv's spacing (3 s between request starts: recorded on a clock whose
// sleeps return at once, so in virtual seconds, never waited) and our own work (real wall time of
// the scan less the time spent waiting on the fakes). Two scans: one repository with offline triage
// (what runs without an API key), then a second repository of the same app with the LLM (a fake
// OpenAI-compatible server over a socket) to count LLM calls and tokens; its papers come from the
// app's shared paper cache, as a real app's second repository's would.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScanChildResult } from "./e2e/scan-child.ts";
import { figure, type Figure } from "./figures.ts";

const here = dirname(fileURLToPath(import.meta.url));
const runTs = join(here, "..", "bin", "run-ts.js");
const PAPERS = 20_000;
const SINCE = "2025-11-20";
/** The app's clock in the harness stands at 2026-11-20 12:00 UTC: the window is a year. */
const WINDOW = { from: `${SINCE}T00:00:00Z`, to: "2026-11-20T12:00:00Z" };

interface ArxivReady {
  apiUrl: string;
  papers: number;
  kinds: Record<string, number>;
  meanChars: number;
}

/** The fake arXiv, generating its window and listening; closed by ending its stdin. */
async function startArxivProcess(): Promise<{ ready: ArxivReady; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [runTs, join(here, "e2e", "arxiv-child.ts")], {
    env: { ...process.env, HEADSCOUT_E2E_PAPERS: String(PAPERS), HEADSCOUT_E2E_FROM: WINDOW.from, HEADSCOUT_E2E_TO: WINDOW.to },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ready = await new Promise<ArxivReady>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("READY "));
      if (line) resolve(JSON.parse(line.slice("READY ".length)) as ArxivReady);
    });
    child.on("exit", (code) => reject(new Error(`the fake arXiv exited with ${code}: ${err.slice(-4000)}`)));
  });
  return {
    ready,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * The scans' process, started at once so that it loads while the fake arXiv generates its window;
 * `go` sends it the fake arXiv's address, and it scans.
 */
function startScanProcess(): { go: (arxivApiUrl: string) => Promise<ScanChildResult[]>; kill: () => void } {
  const child = spawn(process.execPath, ["--expose-gc", runTs, join(here, "e2e", "scan-child.ts")], {
    env: { ...process.env, HEADSCOUT_E2E_SINCE: SINCE },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    kill: () => void child.kill(),
    go: async (arxivApiUrl) => {
      child.stdin.end(`${arxivApiUrl}\n`);
      const code = await exited;
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) throw new Error(`the scans' process exited with ${code}: ${err.slice(-4000)}${out.slice(-2000)}`);
      const results = JSON.parse(line.slice("RESULT ".length)) as ScanChildResult[];
      for (const r of results) {
        const problems = r.problems.rejected + r.problems.unhandled + r.problems.responseProblems;
        if (problems > 0) throw new Error(`the ${r.mode} scan sent requests GitHub would refuse: ${JSON.stringify(r.problems)}`);
        if (r.pullRequests !== 1) throw new Error(`the ${r.mode} scan opened ${r.pullRequests} pull requests, expected 1`);
      }
      return results;
    },
  };
}

const s = (ms: number) => ms / 1000;
const n = (x: number) => x.toLocaleString("en", { maximumFractionDigits: 0 });
const ownMs = (r: ScanChildResult) => r.wallMs - r.waitingMs.anyFake;

export async function run(): Promise<Figure[]> {
  const scans = startScanProcess();
  let arxiv: Awaited<ReturnType<typeof startArxivProcess>>;
  try {
    arxiv = await startArxivProcess();
  } catch (error) {
    scans.kill();
    throw error;
  }
  let results: ScanChildResult[];
  try {
    results = await scans.go(arxiv.ready.apiUrl);
  } finally {
    await arxiv.stop();
  }
  const [offline, llm] = results as [ScanChildResult, ScanChildResult];
  const { ready } = arxiv;
  const kinds = Object.entries(ready.kinds).map(([k, v]) => `${n(v)} ${k}`).join(", ");
  console.log(`window ${WINDOW.from} → ${WINDOW.to}: ${n(ready.papers)} papers (${kinds}), title + abstract ${n(ready.meanChars)} characters on average`);
  for (const r of [offline, llm]) {
    const c = r.counts as Record<string, number>;
    console.log(r.mode === "offline" ? `${r.repo}, offline triage (triage.mode: offline, what runs without an API key):` : `${r.repo}, LLM triage (fake OpenAI-compatible server over a socket; papers from the app's shared cache):`);
    console.log(`  arXiv: ${r.arxivRequests} requests, ${n(r.arxivServed.entries)} entries (${(r.arxivServed.bytes / 2 ** 20).toFixed(1)} MB of Atom) → ${n(c.found ?? 0)} papers found`);
    console.log(`  spacing: ${r.spacing.waits} waits, ${s(r.spacing.waitedMs).toFixed(1)} s virtual (3 s between request starts, less the time between them)`);
    console.log(`  wall ${s(r.wallMs).toFixed(1)} s = own work ${s(ownMs(r)).toFixed(1)} s + waiting on the fakes ${s(r.waitingMs.anyFake).toFixed(1)} s (arXiv ${s(r.waitingMs.arxiv).toFixed(1)}, GitHub ${s(r.waitingMs.github).toFixed(1)}, LLM ${s(r.waitingMs.llm).toFixed(1)}) → ${n((c.found ?? 0) / s(ownMs(r)))} papers/s of own work`);
    console.log(`  memory: RSS ${n(r.memory.baselineRssMb)} MB before the scan, peak ${n(r.memory.peakRssMb)} MB; heap used ${n(r.memory.baselineHeapMb)} MB before, peak ${n(r.memory.sampledPeakHeapMb)} MB (sampled every 20 ms, ${r.memory.samples} samples)`);
    console.log(`  triage: ${n(c.triaged ?? 0)} triaged, ${n(c.relevant ?? 0)} relevant, ${n(c.pending ?? 0)} pending; LLM ${r.llm.calls} calls, ${n(r.llm.promptTokens)} input tokens (${n(r.llm.cachedTokens)} cached), ${n(r.llm.completionTokens)} output tokens`);
    console.log(`  GitHub: ${r.githubRequests} requests (${r.githubWrites} writes) for ${r.pullRequests} pull request of ${r.papersInPullRequest} papers; ledger.json ${(r.ledgerBytes / 2 ** 20).toFixed(1)} MB`);
    if (r.githubRequestsSeenByClient !== r.githubRequests) console.log(`  (the client sent ${r.githubRequestsSeenByClient} GitHub requests through fetch, the fake counted ${r.githubRequests}: the GitHub waiting time is not all of it)`);
    console.log(`  the bot's reply: ${r.reply.split("\n").filter((l) => /^(- arXiv|Papers|Pull requests|Triage)/.test(l)).join(" / ")}`);
  }

  const passed = /(\d[\d,]*) past the prefilter/.exec(llm.reply)?.[1] ?? "?";
  const oc = offline.counts as Record<string, number>;
  const lc = llm.counts as Record<string, number>;
  return [
    figure("papers in the window (each matched by a default arXiv query)", ready.papers, "papers", `${n(ready.kinds.relevant ?? 0)} on what specific heads do (0.5%); OpenReview off`),
    figure("arXiv requests (Atom pages of ≤ 2,000)", offline.arxivRequests, "requests", `${n(offline.arxivServed.entries)} entries, ${(offline.arxivServed.bytes / 2 ** 20).toFixed(0)} MB; ${n(oc.found ?? 0)} distinct papers`),
    figure("waiting on arXiv's spacing (virtual)", s(offline.spacing.waitedMs), "s", `${offline.spacing.waits} waits: 3 s from one request's start to the next, less the time between them (≤ ${offline.spacing.waits * 3} s); recorded, not waited`, 1),
    figure("own work, offline triage", s(ownMs(offline)), "s", `wall ${s(offline.wallMs).toFixed(1)} s less ${s(offline.waitingMs.anyFake).toFixed(1)} s waiting on the fakes`, 1),
    figure("own work throughput, offline triage", (oc.found ?? 0) / s(ownMs(offline)), "papers/s", "papers found ÷ own work"),
    figure("peak RSS of the scan's process, offline", offline.memory.peakRssMb, "MB", `${n(offline.memory.baselineRssMb)} MB before the scan (app + fake GitHub)`),
    figure("peak heap used, offline (sampled)", offline.memory.sampledPeakHeapMb, "MB", `${n(offline.memory.baselineHeapMb)} MB before the scan`),
    figure("LLM calls, offline triage", offline.llm.calls, "calls", "what a scan without an API key makes"),
    figure("LLM calls, fake OpenAI over a socket", llm.llm.calls, "calls", `${passed} papers past the prefilter; ${n(lc.pending ?? 0)} left pending (triage.llm.maxCallsPerRun)`),
    figure("LLM tokens, fake OpenAI", llm.llm.promptTokens + llm.llm.completionTokens, "tokens", `${n(llm.llm.promptTokens)} input (${n(llm.llm.cachedTokens)} cached), ${n(llm.llm.completionTokens)} output; ≈ 4 characters a token`),
    figure("own work, LLM triage (second repository)", s(ownMs(llm)), "s", `papers from the shared cache (${llm.arxivRequests} arXiv requests); wall ${s(llm.wallMs).toFixed(1)} s less ${s(llm.waitingMs.anyFake).toFixed(1)} s waiting on the fakes (LLM ${s(llm.waitingMs.llm).toFixed(1)} s)`, 1),
    figure("peak heap used, LLM scan (sampled)", llm.memory.sampledPeakHeapMb, "MB", `${n(llm.memory.baselineHeapMb)} MB before it (the shared cache holds the window's papers)`),
    figure("GitHub requests for the scan that opened the PR", offline.githubRequests, "requests", `${offline.githubWrites} writes; 1 PR of ${offline.papersInPullRequest} papers (LLM run: ${llm.githubRequests})`),
    figure("ledger.json after the scan", offline.ledgerBytes / 2 ** 20, "MB", `one record per paper found`, 1),
  ];
}
