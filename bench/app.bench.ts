// The GitHub App: GitHub requests per grouped pull request of N papers, and how fast a webhook is
// acknowledged while a scan runs (target: p99 under 1 s). Against the fake GitHub over a socket,
// with Octokit's request spacing off (it only adds waiting).
import { randomUUID } from "node:crypto";
import nock from "nock";
import type { Paper } from "../src/sources/paper.ts";
import { renderArxivFeed } from "../tests/helpers/arxiv-feed.ts";
import { ARXIV_HOST, command, MAINTAINER, REPO, startWorld, thisWeek } from "../tests/github/app/harness.ts";
import { figure, targetNote, type Figure } from "./figures.ts";

/** N distinct papers the offline classifier calls relevant (copies of RazorAttention). */
function relevantPapers(n: number): Paper[] {
  const razor = thisWeek[1]!;
  return Array.from({ length: n }, (_, i) => ({ ...razor, ids: { arxiv: `2611.${String(10000 + i)}`, arxivVersion: 1 }, title: `${razor.title}, study ${i + 1}` }));
}

function serveArxiv(papers: readonly Paper[], delayMs = 0): void {
  nock(ARXIV_HOST).get("/api/query").query(true).delay(delayMs).reply(200, renderArxivFeed(papers), { "content-type": "application/atom+xml" }).persist();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  nock.disableNetConnect();
  for (const n of [1, 5, 20]) {
    const world = await startWorld();
    serveArxiv(relevantPapers(n));
    const before = world.fake.requests.length;
    await command(world, "@headscout scan");
    const requests = world.fake.requests.slice(before);
    const writes = requests.filter((r) => r.method !== "GET").length;
    const pulls = [...world.fake.state.repo(REPO).issues.values()].filter((i) => i.pull).length;
    console.log(`grouped pull request of ${n} paper(s): ${requests.length} GitHub requests (${writes} writes), ${pulls} pull request(s)`);
    figures.push(figure(`GitHub requests, scan opening a grouped PR of ${n} paper(s)`, requests.length, "requests", `${writes} writes`));
    nock.cleanAll();
    await world.app.close();
    await world.fake.close();
  }

  // Acknowledgement while a scan runs: arXiv answers slowly, and maintainers keep commenting.
  const world = await startWorld();
  serveArxiv(relevantPapers(20), 1500);
  const issue = (world.fake.act.openIssue(REPO, "Papers", "", MAINTAINER), Math.max(...world.fake.state.repo(REPO).issues.keys()));
  const running = world.fake.sendWebhook(world.app.webhookUrl, { ...world.fake.act.comment(REPO, issue, "@headscout scan", MAINTAINER), id: randomUUID() });
  await running;
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const delivery = { ...world.fake.act.comment(REPO, issue, "@headscout scan", MAINTAINER), id: randomUUID() };
    const sent = await world.fake.sendWebhook(world.app.webhookUrl, delivery);
    latencies.push(sent.elapsedMs);
  }
  await world.app.handle.jobs.idle();
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  console.log(`webhook acknowledgement during a scan (${latencies.length} commands): p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (target p99 < 1000 ms: ${p99 < 1000 ? "met" : "NOT met"})`);
  figures.push(figure("webhook acknowledgement during a scan, p50", percentile(latencies, 50), "ms", `${latencies.length} commands`));
  figures.push(figure("webhook acknowledgement during a scan, p99", p99, "ms", targetNote(p99, 1000, "ms", true)));
  nock.cleanAll();
  await world.app.close();
  await world.fake.close();
  return figures;
}
