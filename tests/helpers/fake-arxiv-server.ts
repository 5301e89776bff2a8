import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Paper } from "../../src/sources/paper.ts";
import { renderArxivFeed } from "./arxiv-feed.ts";

/**
 * arXiv's query API over a real socket, for app processes a test starts (nock cannot reach into
 * them). Each client gets its own path, `/<name>/api/query`, so a test sees who asked. Every query
 * is answered with `papers` in arXiv's Atom, except that `holdFirst` keeps the very first request
 * open, unanswered, until its client goes away (a replica killed mid-search).
 */
export async function startFakeArxivServer(papers: readonly Paper[], options: { holdFirst?: boolean } = {}) {
  const requests: string[] = [];
  let first: Promise<string> | undefined;
  let reached!: (name: string) => void;
  first = new Promise((resolve) => (reached = resolve));
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? "").split("/")[1] ?? "";
    requests.push(name);
    if (requests.length === 1) {
      reached(name);
      if (options.holdFirst) return; // never answered: the socket closes when its process dies
    }
    res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8" }).end(renderArxivFeed(papers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The query API URL for the client called `name`. */
    urlFor: (name: string) => `http://127.0.0.1:${port}/${name}/api/query`,
    requests,
    /** Who sent the first request. */
    first,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
