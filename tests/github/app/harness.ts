import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createHeadscoutApp, type HeadscoutAppHandle } from "../../../src/github/app.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { renderArxivFeed } from "../../helpers/arxiv-feed.ts";
import { startFakeGitHub, type FakeGitHub } from "../../helpers/fake-github/index.ts";
import { projectRoot } from "../../helpers/shared.ts";

export const REPO = "octo-lab/catalog";
export const ARXIV_HOST = "https://arxiv.test";
export const MAINTAINER = "maria";
export const OUTSIDER = "mallory";

export const recorded = JSON.parse(readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8")) as { papers: Paper[] };

/** The recorded papers as if submitted this week (the scan's window ends 2026-11-20). */
export const thisWeek: Paper[] = recorded.papers.map((p, i) => ({ ...p, published: `2026-11-1${2 + i}T09:00:00Z`, updated: `2026-11-1${2 + i}T09:00:00Z` }));
export const catalogFixture = readFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), "utf8");
/** arXiv only (OpenReview needs a login the tests do not have); the default query. */
export const CONFIG = "sources:\n  openreview:\n    enabled: false\n";

/** The operator's environment of a test app: arXiv at a fake host with no spacing, no LLM key (the offline default). */
export const OPERATOR_ENV = { ARXIV_API_URL: `${ARXIV_HOST}/api/query`, ARXIV_INTERVAL_MS: "0" };

/** arXiv answering every query with these papers (nock: the one service not reached over a socket here). */
export function fakeArxiv(papers: readonly Paper[] = thisWeek): { requests: number } {
  const seen = { requests: 0 };
  nock(ARXIV_HOST)
    .get("/api/query")
    .query(true)
    .reply(() => {
      seen.requests++;
      return [200, renderArxivFeed(papers), { "content-type": "application/atom+xml; charset=utf-8" }];
    })
    .persist();
  return seen;
}

export interface RunningApp {
  webhookUrl: string;
  handle: HeadscoutAppHandle;
  close(): Promise<void>;
}

/** The app over a real HTTP server, talking to the fake GitHub through its GHE address. */
export async function startApp(fake: FakeGitHub, options: { env?: Record<string, string>; instanceId?: string; now?: () => number } = {}): Promise<RunningApp> {
  // Probot's throttling plugin spaces content-creating requests 1–3 s apart, as GitHub asks of a
  // real app; against the fake that is only waiting, so tests turn it off (the bench keeps it).
  const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { ...(options.throttle as object), enabled: false } }));
  const probot = new Probot({ appId: fake.appId, privateKey: fake.privateKey, secret: fake.webhookSecret, baseUrl: fake.apiUrl, log: pino({ level: "silent" }), Octokit });
  let handle: HeadscoutAppHandle | undefined;
  const now = options.now ?? (() => Date.parse("2026-11-20T12:00:00Z"));
  const appFn = createHeadscoutApp(
    {
      env: { ...OPERATOR_ENV, ...options.env },
      schedule: false,
      instanceId: options.instanceId ?? "test-app",
      timers: { now, setTimeout: () => 0, clearTimeout: () => undefined },
    },
    (h) => (handle = h),
  );
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: "/api/github/webhooks" });
  await probot.ready();
  const server: Server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    get handle() {
      return handle!;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startWorld(files: Record<string, string> = { "README.md": catalogFixture, ".github/headscout.yml": CONFIG }) {
  const fake = await startFakeGitHub({ slug: "headscout" });
  const [owner, repo] = REPO.split("/") as [string, string];
  fake.state.seedRepo({ owner, repo, files });
  fake.state.setRole(REPO, MAINTAINER, "maintain");
  const app = await startApp(fake);
  return { fake, app };
}

/** A comment by `login` on a fresh issue, delivered to the app; resolves when its work is done. */
export async function command(world: { fake: FakeGitHub; app: RunningApp }, body: string, login = MAINTAINER, issue?: number) {
  const number = issue ?? (world.fake.act.openIssue(REPO, "Papers", "", login), Math.max(...[...world.fake.state.repo(REPO).issues.keys()]));
  const delivery = { ...world.fake.act.comment(REPO, number, body, login), id: randomUUID() };
  const sent = await world.fake.sendWebhook(world.app.webhookUrl, delivery);
  await world.app.handle.jobs.idle();
  return { sent, issue: number, delivery };
}
