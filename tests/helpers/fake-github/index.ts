import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { HumanActions } from "./actions.ts";
import { generateAppKeys, Tokens } from "./auth.ts";
import { Deliveries } from "./deliveries.ts";
import type { FakeEvent, Permissions, Repo } from "./model.ts";
import { Faults, RateLimits, type Fault } from "./rate-limit.ts";
import { Router } from "./router.ts";
import { appAuthRoutes } from "./routes/app-auth.ts";
import { gitDataRoutes } from "./routes/git-data.ts";
import { issuesRoutes } from "./routes/issues.ts";
import { pullsRoutes } from "./routes/pulls.ts";
import { repositoryRoutes } from "./routes/repos.ts";
import { sendWebhook, type Delivery, type SendResult } from "./send-webhook.ts";
import { serve, type RecordedRequest, type RejectedRequest, type ResponseProblem, type UnhandledRequest } from "./server.ts";
import type { ShapeEnv } from "./shapes/env.ts";
import { GitHubState } from "./state.ts";

export interface FakeGitHubOptions {
  appId?: number;
  /** The app's slug: its bot is `${slug}[bot]` (default "headscout"). */
  slug?: string;
  appName?: string;
  webhookSecret?: string;
  /** What an installation grants (default: app.yml's contents, pull_requests and issues write, metadata read). */
  permissions?: Permissions;
  events?: string[];
  /** "lazy": a PR's first read after its head or base moved answers mergeable null, as GitHub does. */
  mergeability?: "immediate" | "lazy";
  /**
   * The fake's clock for what it records (timestamps) and for token expiry, so a test can age a
   * token; real time by default. JWTs and rate-limit resets follow the real clock, as Octokit's do.
   */
  clock?: () => Date;
}

export interface FakeGitHub {
  /** "http://127.0.0.1:PORT" — GitHub's web root in GHE's layout. */
  url: string;
  /** "http://127.0.0.1:PORT/api/v3" — the REST root (Octokit's baseUrl). */
  apiUrl: string;
  /** Probot's environment for this server: it builds `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
  ghe: { GHE_HOST: string; GHE_PROTOCOL: "http" };
  /** APP_ID, PRIVATE_KEY, WEBHOOK_SECRET and the GHE pair: the environment of an app process. */
  env: Record<string, string>;
  state: GitHubState;
  appId: number;
  /** PEM (PKCS#1) private key of the app: Probot's PRIVATE_KEY. */
  privateKey: string;
  webhookSecret: string;
  /** Every API request, in order. */
  requests: RecordedRequest[];
  /** Requests GitHub would refuse as malformed or unauthorised (tests assert it stays empty). */
  rejected: RejectedRequest[];
  /** Requests to routes the fake does not serve (tests assert it stays empty). */
  unhandled: UnhandledRequest[];
  /** Responses of the fake that break GitHub's schema, and crashes of the fake. */
  responseProblems: ResponseProblem[];
  /** What clients did through the API: refs moved, PRs opened, comments, reactions. */
  events: FakeEvent[];
  /** Human actions on the state, each returning the webhook GitHub would send. */
  act: HumanActions;
  /** Webhook payloads from the state (for events a test builds itself). */
  deliveries: Deliveries;
  /** Makes the next matching requests fail (5xx, secondary or primary rate limit). */
  failNext(fault: Fault): void;
  /** An installation token for a test's own Octokit (by installation id or a repository it covers). */
  installationToken(of: number | string): string;
  /** A token acting as a person (their role in each repository applies). */
  userToken(login: string): string;
  /** Signs a delivery with the fake's webhook secret and POSTs it to the app. */
  sendWebhook(url: string, delivery: Delivery, options?: { signWith?: string }): Promise<SendResult>;
  close(): Promise<void>;
}

const DEFAULT_PERMISSIONS: Permissions = { contents: "write", pull_requests: "write", issues: "write", metadata: "read" };
const DEFAULT_EVENTS = ["installation", "installation_repositories", "issue_comment", "issues", "pull_request", "push"];

/**
 * A small stateful GitHub REST server on 127.0.0.1 for end-to-end tests: the app (one Probot or
 * several, as replicas) reaches it through GHE_HOST over a real socket. See README.md beside this file.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  nock.enableNetConnect("127.0.0.1");
  const appId = options.appId ?? 4242;
  const slug = options.slug ?? "headscout";
  const webhookSecret = options.webhookSecret ?? `fake-secret-${randomBytes(8).toString("hex")}`;
  const clock = options.clock ?? (() => new Date());
  const keys = generateAppKeys();
  const tokens = new Tokens();
  const state = new GitHubState({
    appId,
    slug,
    appName: options.appName ?? slug,
    permissions: options.permissions ?? DEFAULT_PERMISSIONS,
    events: options.events ?? DEFAULT_EVENTS,
    mergeability: options.mergeability ?? "immediate",
    clock,
  });
  const env: ShapeEnv = { state, api: "", html: "" };
  const faults = new Faults();
  const deps = {
    router: new Router().add(...appAuthRoutes(tokens), ...repositoryRoutes, ...gitDataRoutes, ...issuesRoutes, ...pullsRoutes),
    env,
    tokens,
    publicKey: keys.publicKey,
    faults,
    rateLimits: new RateLimits(),
    requests: [] as RecordedRequest[],
    rejected: [] as RejectedRequest[],
    unhandled: [] as UnhandledRequest[],
    responseProblems: [] as ResponseProblem[],
  };
  const server = createServer((req, res) => {
    serve(deps, req, res).catch((error: unknown) => {
      deps.responseProblems.push({ method: req.method ?? "", route: null, status: 500, problems: [String(error)] });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  env.html = `http://${host}`;
  env.api = `${env.html}/api/v3`;
  const deliveries = new Deliveries(env);
  const ghe = { GHE_HOST: host, GHE_PROTOCOL: "http" as const };

  const installationFor = (of: number | string) => {
    const inst = typeof of === "number" ? state.installations.get(of) : state.installationFor(state.repo(of) as Repo);
    if (!inst) throw new Error(`fake GitHub: no installation for ${of}`);
    return inst;
  };

  return {
    url: env.html,
    apiUrl: env.api,
    ghe,
    env: { APP_ID: String(appId), PRIVATE_KEY: keys.privateKey, WEBHOOK_SECRET: webhookSecret, ...ghe },
    state,
    appId,
    privateKey: keys.privateKey,
    webhookSecret,
    requests: deps.requests,
    rejected: deps.rejected,
    unhandled: deps.unhandled,
    responseProblems: deps.responseProblems,
    events: state.events,
    act: new HumanActions(state, deliveries),
    deliveries,
    failNext: (fault) => faults.add(fault),
    installationToken: (of) => tokens.issueInstallationToken(installationFor(of), clock().getTime()).token,
    userToken: (login) => tokens.issueUserToken(login),
    sendWebhook: (url, delivery, opts = {}) => sendWebhook(url, delivery, { secret: webhookSecret, appId, ...opts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { Delivery, SendResult } from "./send-webhook.ts";
export type { Fault } from "./rate-limit.ts";
export type { FakeEvent, Role, Repo } from "./model.ts";
export { sendWebhook, signWebhook, webhook, examplePayload } from "./send-webhook.ts";
