// arXiv's export API over a real socket, answering as export.arxiv.org does: `search_query` is
// evaluated against the papers it holds (ti:, abs:, cat:, submittedDate ranges, AND/OR), results
// newest submission first, paged by `start` and `max_results`, each page an Atom feed whose
// opensearch elements give the total, the start and the page's size.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { compileArxivQuery, type SearchableRecord } from "../../src/sources/arxiv/evaluate-query.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { renderArxivFeed } from "../../tests/helpers/arxiv-feed.ts";

/** arXiv serves at most this many entries a request. */
const MAX_PAGE = 2000;

export interface FakeArxivStats {
  requests: number;
  /** Entries sent, over all pages. */
  entries: number;
  bytes: number;
  /** Time spent evaluating queries and rendering pages (the fake's own work, not the client's). */
  serveMs: number;
}

export interface FakeArxiv {
  /** The export API endpoint: ARXIV_API_URL. */
  apiUrl: string;
  stats: FakeArxivStats;
  close(): Promise<void>;
}

/** A feed of `page` with the opensearch figures of the whole result set, as arXiv writes them. */
function renderPage(page: readonly Paper[], total: number, start: number, query: string): string {
  const escaped = query.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return renderArxivFeed(page)
    .replace("<title>arXiv Query</title>", `<title>arXiv Query: search_query=${escaped}&amp;id_list=&amp;start=${start}&amp;max_results=${page.length}</title>`)
    .replace(/<opensearch:itemsPerPage>\d+</, `<opensearch:itemsPerPage>${page.length}<`)
    .replace(/<opensearch:totalResults>\d+</, `<opensearch:totalResults>${total}<`)
    .replace(/<opensearch:startIndex>\d+</, `<opensearch:startIndex>${start}<`);
}

export async function startFakeArxiv(papers: readonly Paper[]): Promise<FakeArxiv> {
  const newestFirst = [...papers].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
  const records = newestFirst.map((p): SearchableRecord => ({ title: p.title, abstract: p.abstract, categories: p.categories, submitted: p.published }));
  // Tokenise every record once now (the evaluator caches tokens per record), not on the first query.
  const warm = compileArxivQuery('all:"warm"');
  for (const r of records) warm(r);
  const results = new Map<string, Paper[]>();
  const stats: FakeArxivStats = { requests: 0, entries: 0, bytes: 0, serveMs: 0 };

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://arxiv.test");
    if (url.pathname === "/stats") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    if (req.method !== "GET" || url.pathname !== "/api/query") return void res.writeHead(404).end();
    stats.requests++;
    const query = url.searchParams.get("search_query") ?? "";
    const start = Number(url.searchParams.get("start") ?? 0);
    const size = Math.min(MAX_PAGE, Number(url.searchParams.get("max_results") ?? 10));
    let matches = results.get(query);
    if (!matches) {
      let test: (r: SearchableRecord) => boolean;
      try {
        test = compileArxivQuery(query);
      } catch (error) {
        return void res.writeHead(400, { "content-type": "text/plain" }).end(`malformed query: ${String(error)}`);
      }
      matches = newestFirst.filter((_, i) => test(records[i]!));
      results.set(query, matches);
    }
    const page = matches.slice(start, start + size);
    const body = renderPage(page, matches.length, start, query);
    stats.entries += page.length;
    stats.bytes += Buffer.byteLength(body);
    res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8" });
    res.end(body);
    stats.serveMs += performance.now() - started;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/query`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
