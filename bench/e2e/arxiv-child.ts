// The fake arXiv in a process of its own, so that generating, searching and rendering 20,000
// papers costs the scan's process neither time nor memory (as real arXiv would not). Prints
// `READY {apiUrl, papers, kinds, meanChars}` and serves until its parent closes its stdin.
import { generateWindow, type PaperKind } from "./corpus.ts";
import { startFakeArxiv } from "./fake-arxiv.ts";

const papers = generateWindow({
  papers: Number(process.env.HEADSCOUT_E2E_PAPERS ?? 20_000),
  from: new Date(process.env.HEADSCOUT_E2E_FROM ?? "2025-11-20T00:00:00Z"),
  to: new Date(process.env.HEADSCOUT_E2E_TO ?? "2026-11-20T12:00:00Z"),
});
const kinds: Partial<Record<PaperKind, number>> = {};
for (const p of papers) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
const meanChars = papers.reduce((n, p) => n + p.title.length + p.abstract.length, 0) / papers.length;
const arxiv = await startFakeArxiv(papers);
process.stdout.write(`READY ${JSON.stringify({ apiUrl: arxiv.apiUrl, papers: papers.length, kinds, meanChars })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void arxiv.close().then(() => process.exit(0)));
