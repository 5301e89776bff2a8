import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { afterEach, expect } from "vitest";
import { createHeadscoutApp, type HeadscoutAppHandle } from "../../../src/github/app.ts";
import { isDashboardBody } from "../../../src/github/dashboard/render-dashboard.ts";
import type { Ledger } from "../../../src/github/ledger/schema.ts";
import { createManualClock, type Clock } from "../../../src/sources/http/clock.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { renderArxivFeed } from "../../helpers/arxiv-feed.ts";
import { startFakeGitHub, type Delivery, type FakeGitHub } from "../../helpers/fake-github/index.ts";
import { projectRoot } from "../../helpers/shared.ts";

export const REPO = "octo-lab/catalog";
export const ARXIV_HOST = "https://arxiv.test";
export const MAINTAINER = "maria";
export const OUTSIDER = "mallory";
export const BOT = "headscout[bot]";

export const recorded = JSON.parse(readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8")) as { papers: Paper[] };

/** The recorded papers as if submitted this week (the scan's window ends 2026-11-20). */
export const thisWeek: Paper[] = recorded.papers.map((p, i) => ({ ...p, published: `2026-11-1${2 + i}T09:00:00Z`, updated: `2026-11-1${2 + i}T09:00:00Z` }));
/** A second paper the offline classifier calls relevant: RazorAttention under another arXiv id and title, a few days later. */
export const twin: Paper = {
  ...thisWeek[1]!,
  published: "2026-11-19T09:00:00Z",
  updated: "2026-11-19T09:00:00Z",
  ids: { arxiv: "2611.04321", arxivVersion: 1 },
  title: "Retrieval Heads Compress the KV Cache Again",
  links: { abstract: "https://arxiv.org/abs/2611.04321v1", pdf: "https://arxiv.org/pdf/2611.04321v1" },
};
export const catalogFixture = readFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), "utf8");
/** arXiv only (OpenReview needs a login the tests do not have); the default query. */
export const CONFIG = "sources:\n  openreview:\n    enabled: false\n";

/** The operator's environment of a test app: arXiv at a fake host with no spacing, no LLM key (the offline default). */
export const OPERATOR_ENV = { ARXIV_API_URL: `${ARXIV_HOST}/api/query`, ARXIV_INTERVAL_MS: "0" };

const feed = (papers: readonly Paper[]) => [200, renderArxivFeed(papers), { "content-type": "application/atom+xml; charset=utf-8" }] as const;
const arxivQuery = (host: string) => nock(host).get("/api/query").query(true);

/** arXiv answering every query with these papers (nock: the one service not reached over a socket here). */
export function fakeArxiv(papers: readonly Paper[] = thisWeek, host = ARXIV_HOST): { requests: number } {
  const seen = { requests: 0 };
  arxivQuery(host)
    .reply(() => {
      seen.requests++;
      return feed(papers);
    })
    .persist();
  return seen;
}

/**
 * arXiv holding every answer until `release()`: a scan stays in its search meanwhile (for what
 * happens while one runs). `searching` resolves at the first request.
 */
export function heldArxiv(papers: readonly Paper[] = thisWeek, host = ARXIV_HOST) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const searching = new Promise<void>((resolve) => (reached = resolve));
  arxivQuery(host)
    .reply(async () => {
      reached();
      await released;
      return [...feed(papers)];
    })
    .persist();
  return { release, searching };
}

export type World = { fake: FakeGitHub; app: RunningApp };

export interface RunningApp {
  webhookUrl: string;
  handle: HeadscoutAppHandle;
  close(): Promise<void>;
}

export interface AppOptions {
  env?: Record<string, string>;
  instanceId?: string;
  /** The app's time (default: 2026-11-20 12:00 UTC, standing still). */
  now?: () => number;
  sourcesClock?: Clock;
}

/** Time a test moves on by hand (a later scan, past the shared paper cache's freshness). */
export function steppingClock(start = "2026-11-20T12:00:00Z") {
  let time = Date.parse(start);
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

/** The app over a real HTTP server, talking to the fake GitHub through its GHE address. */
export async function startApp(fake: FakeGitHub, options: AppOptions = {}): Promise<RunningApp> {
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
      // The sources' retries and spacing wait on this clock: its sleeps return at once.
      sourcesClock: options.sourcesClock ?? createManualClock(now()),
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
    close: async () => {
      await handle?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export async function startWorld(files: Record<string, string> = { "README.md": catalogFixture, ".github/headscout.yml": CONFIG }, appOptions?: AppOptions) {
  const fake = await startFakeGitHub({ slug: "headscout" });
  const [owner, repo] = REPO.split("/") as [string, string];
  fake.state.seedRepo({ owner, repo, files });
  fake.state.setRole(REPO, MAINTAINER, "maintain");
  const app = await startApp(fake, appOptions);
  return { fake, app };
}

/** A comment by `login` on a fresh issue (or on `issue`), and the webhook GitHub would send for it. */
export function commentOn(fake: FakeGitHub, body: string, login = MAINTAINER, issue?: number) {
  const number = issue ?? (fake.act.openIssue(REPO, "Papers", "", login), Math.max(...[...fake.state.repo(REPO).issues.keys()]));
  return { issue: number, delivery: { ...fake.act.comment(REPO, number, body, login), id: randomUUID() } };
}

/** A comment by `login` on a fresh issue, delivered to the app; resolves when its work is done. */
export async function command(world: World, body: string, login = MAINTAINER, issue?: number) {
  const { issue: number, delivery } = commentOn(world.fake, body, login, issue);
  const sent = await world.fake.sendWebhook(world.app.webhookUrl, delivery);
  await world.app.handle.jobs.idle();
  return { sent, issue: number, delivery };
}

/** Delivers a webhook to an app (the world's by default) and waits for the work it started. */
export async function deliver(world: World, delivery: Delivery, app: RunningApp = world.app) {
  const sent = await world.fake.sendWebhook(app.webhookUrl, delivery);
  expect(sent.status).toBe(200);
  await app.handle.jobs.idle();
  return sent;
}

/** arXiv listing `papers`, a maintainer's `@headscout scan`, and the pull request it opened. */
export async function scanToPull(world: World, papers: readonly Paper[] = thisWeek) {
  fakeArxiv(papers);
  await command(world, "@headscout scan");
  const [pr] = pulls(world.fake);
  expect(pr?.pull).toBeDefined();
  return pr!;
}

/** Resolves once `condition` holds (checked every few milliseconds, for background work a test cannot await). */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("waitFor: the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What the app did through the API, in order. */
export const appEvents = (fake: FakeGitHub) => fake.events.filter((e) => e.actor === BOT);
/** Pull requests of the catalog repository (every one the bot opened, open or not). */
export const pulls = (fake: FakeGitHub) => [...fake.state.repo(REPO).issues.values()].filter((i) => i.pull);
export const openPulls = (fake: FakeGitHub) => pulls(fake).filter((i) => i.state === "open");
/** The bot's comments, on one issue or pull request or everywhere. */
export const botComments = (fake: FakeGitHub, issue?: number) =>
  [...fake.state.repo(REPO).comments.values()].filter((c) => c.user.login === BOT && (issue === undefined || c.issueNumber === issue));
/** The bot's reply to a command on an issue: its last comment there. */
export const replyOn = (fake: FakeGitHub, issue: number) => botComments(fake, issue).at(-1)?.body ?? "";

/**
 * What every end-to-end test asserts at its end: GitHub would have accepted every request (its
 * OpenAPI request schemas, permissions, limits), every route exists, the fake answered in GitHub's
 * shapes, and the bot asked to merge nothing.
 */
export function expectWellBehaved(fake: FakeGitHub): void {
  expect({ rejected: fake.rejected, unhandled: fake.unhandled, responseProblems: fake.responseProblems }).toEqual({ rejected: [], unhandled: [], responseProblems: [] });
  expect(fake.requests.filter((r) => /\/merge$/.test(r.path.split("?")[0]!))).toEqual([]);
}

/**
 * A test file's worlds: `world()` starts a fake GitHub with the app (`startWorld`), and `app()` a
 * further app process on it; after each test every fake is checked (`expectWellBehaved`) and
 * everything closed.
 */
export function useWorlds() {
  let fakes: FakeGitHub[] = [];
  let apps: RunningApp[] = [];
  afterEach(async () => {
    const [checked, closing] = [fakes, apps];
    fakes = [];
    apps = [];
    try {
      for (const fake of checked) expectWellBehaved(fake);
    } finally {
      for (const app of closing) await app.handle?.jobs.idle();
      await Promise.all(closing.map((a) => a.close()));
      await Promise.all(checked.map((f) => f.close()));
    }
  });
  return {
    async world(files?: Record<string, string>, options?: AppOptions): Promise<World> {
      const w = await startWorld(files, options);
      fakes.push(w.fake);
      apps.push(w.app);
      return w;
    },
    async app(fake: FakeGitHub, options?: AppOptions): Promise<RunningApp> {
      const app = await startApp(fake, options);
      apps.push(app);
      return app;
    },
    /** A fake GitHub alone (a test seeds it), checked and closed like the others. */
    async fake(): Promise<FakeGitHub> {
      const fake = await startFakeGitHub({ slug: "headscout" });
      fakes.push(fake);
      return fake;
    },
  };
}

/** The ledger on the state branch, as a maintainer would read it. */
export const ledgerOf = (fake: FakeGitHub) => JSON.parse(fake.state.readFile(REPO, "headscout-state", "ledger.json")!) as Ledger;

/** The bot's dashboard issues (there must never be more than one). */
export const dashboards = (fake: FakeGitHub) => [...fake.state.repo(REPO).issues.values()].filter((i) => !i.pull && i.user.login === BOT && isDashboardBody(i.body ?? ""));

/** A person edits an issue's body (ticking a box on the dashboard): issues.edited with changes.body.from. */
export function editIssueBody(fake: FakeGitHub, number: number, body: string, login: string): Delivery {
  const repo = fake.state.repo(REPO);
  const issue = repo.issues.get(number)!;
  const from = issue.body;
  Object.assign(issue, { body, updatedAt: fake.state.now() });
  return fake.deliveries.issues(repo, number, "edited", fake.state.user(login), { changes: { body: { from } } });
}

/** A person closes an issue, or reopens it (the app handles neither event: it looks at the state when it next writes). */
export function setIssueState(fake: FakeGitHub, number: number, state: "open" | "closed", login: string): void {
  const repo = fake.state.repo(REPO);
  const issue = repo.issues.get(number)!;
  if (state === "closed") fake.state.closeIssue(repo, issue, fake.state.user(login));
  else Object.assign(issue, { state: "open", stateReason: "reopened", closedAt: null, closedBy: null, updatedAt: fake.state.now() });
}
