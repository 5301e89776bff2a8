import type { KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyAppJwt, type Tokens } from "./auth.ts";
import { Context, type Reply } from "./context.ts";
import { errorBody, GitHubError, notFound, type RejectReason } from "./errors.ts";
import type { Actor } from "./model.ts";
import { describeErrors, documentationUrl, githubTemplate, invalidRequestMessage, requestValidator, responseValidator } from "./openapi.ts";
import { faultReply, type Fault, type Faults, type RateLimits } from "./rate-limit.ts";
import type { Route, Router } from "./router.ts";
import type { ShapeEnv } from "./shapes/env.ts";

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The path after /api/v3, with its query. */
  path: string;
  /** The GitHub route template it matched, or null. */
  route: string | null;
  status: number;
  /** The acting login (the app's bot for an installation token), "app" for the JWT, null when unauthenticated. */
  actor: string | null;
  body: unknown;
  injected?: Fault["kind"];
}

/** A request GitHub would refuse as malformed or unauthorised: the app should never send one. */
export interface RejectedRequest {
  method: string;
  path: string;
  route: string | null;
  status: number;
  reason: RejectReason;
  message: string;
  body: unknown;
}

export interface UnhandledRequest {
  method: string;
  path: string;
  /** The GitHub route this would be, when GitHub has one (the fake just does not implement it). */
  githubRoute: string | null;
}

/** A response of the fake that does not match GitHub's schema for it, or a crash of the fake. */
export interface ResponseProblem {
  method: string;
  route: string | null;
  status: number;
  problems: string[];
}

export interface ServerDeps {
  router: Router;
  env: ShapeEnv;
  tokens: Tokens;
  publicKey: KeyObject;
  faults: Faults;
  rateLimits: RateLimits;
  requests: RecordedRequest[];
  rejected: RejectedRequest[];
  unhandled: UnhandledRequest[];
  responseProblems: ResponseProblem[];
}

const API_PREFIX = "/api/v3";

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GitHubError(400, "Problems parsing JSON", { reject: "json" });
  }
}

function authenticate(deps: ServerDeps, route: Route, header: string | undefined): Actor {
  const m = /^(token|bearer)\s+(\S+)$/i.exec(header ?? "");
  if (!m) throw new GitHubError(401, "Requires authentication", { reject: "auth" });
  const credential = m[2]!;
  const state = deps.env.state;
  const isJwt = credential.split(".").length === 3;
  // Octokit signs JWTs by the real clock, whatever clock the test gives the fake.
  if (isJwt) verifyAppJwt(credential, deps.publicKey, state.app, Math.floor(Date.now() / 1000));
  if (route.auth === "app") {
    if (!isJwt) throw new GitHubError(401, "A JSON web token could not be decoded", { reject: "auth" });
    return { kind: "app" };
  }
  if (isJwt) throw new GitHubError(403, "Resource not accessible by integration", { reject: "auth" });
  return deps.tokens.actor(credential, state, state.options.clock().getTime());
}

function validateRequest(method: string, template: string, body: unknown): void {
  const validate = requestValidator(method, template);
  if (!validate || validate(body ?? {})) return;
  const errors = validate.errors ?? [];
  throw new GitHubError(422, invalidRequestMessage(errors), { errors: describeErrors(errors), reject: "schema" });
}

function checkResponse(deps: ServerDeps, method: string, template: string, reply: Reply): void {
  if (reply.json === undefined || reply.status >= 300) return;
  const validate = responseValidator(method, template, reply.status);
  if (validate && !validate(reply.json)) deps.responseProblems.push({ method, route: template, status: reply.status, problems: describeErrors(validate.errors ?? []) });
}

function actorName(actor: Actor | undefined): string | null {
  return !actor ? null : actor.kind === "app" ? "app" : actor.user.login;
}

function rateKey(actor: Actor | undefined): string {
  return !actor ? "anonymous" : actor.kind === "app" ? "app" : actor.kind === "installation" ? `installation:${actor.installation.id}` : `user:${actor.user.login}`;
}

let requestCounter = 0;

/**
 * One request through the fake, in GitHub's order: route, credentials, injected faults, JSON,
 * the operation's request schema, then the handler; every refusal in GitHub's error body.
 */
export async function serve(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake-github.test");
  const method = req.method ?? "GET";
  const text = await readBody(req);
  const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || "/" : undefined;
  const requestId = `FAKE:${(++requestCounter).toString(16).toUpperCase().padStart(6, "0")}`;
  let template: string | null = null;
  let actor: Actor | undefined;
  let body: unknown = text;
  let injected: Fault["kind"] | undefined;
  let reply: Reply;
  try {
    const matched = path === undefined ? undefined : deps.router.match(method, path);
    if (!matched) {
      deps.unhandled.push({ method, path: url.pathname + url.search, githubRoute: (path && githubTemplate(method, path)) || null });
      throw notFound();
    }
    template = matched.route.template;
    actor = authenticate(deps, matched.route, req.headers.authorization);
    const fault = deps.faults.take(method, template, path!);
    if (fault) {
      injected = fault.kind;
      reply = faultReply(fault, requestId, Math.floor(Date.now() / 1000), actorName(actor) ?? "anonymous");
    } else {
      body = parseJson(text);
      validateRequest(method, template, body);
      const ctx = new Context(deps.env, method, path!, matched.params, url.searchParams, body, actor, req.headers);
      reply = await matched.route.handle(ctx);
      checkResponse(deps, method, template, reply);
    }
  } catch (error) {
    if (error instanceof GitHubError) {
      const docs = documentationUrl(method, template ?? undefined);
      if (error.options.reject) deps.rejected.push({ method, path: path ?? url.pathname, route: template, status: error.status, reason: error.options.reject, message: error.message, body });
      reply = { status: error.status, json: errorBody(error.status, error.message, docs, error.options.errors), headers: error.options.headers };
    } else {
      deps.responseProblems.push({ method, route: template, status: 500, problems: [error instanceof Error ? (error.stack ?? error.message) : String(error)] });
      reply = { status: 500, json: { message: "Server Error" } };
    }
  }
  deps.requests.push({ seq: deps.requests.length + 1, method, path: (path ?? url.pathname) + url.search, route: template, status: reply.status, actor: actorName(actor), body, ...(injected ? { injected } : {}) });
  // Rate-limit resets are compared with the client's real clock by the throttling plugin.
  const nowSeconds = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "x-github-request-id": requestId,
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": reply.text !== undefined ? "github.v3; param=raw" : "github.v3; format=json",
    ...deps.rateLimits.headers(rateKey(actor), nowSeconds),
    ...reply.headers,
  };
  if (reply.status === 204) {
    res.writeHead(204, headers).end();
  } else if (reply.text !== undefined) {
    res.writeHead(reply.status, { ...headers, "content-type": "application/vnd.github.raw; charset=utf-8" }).end(reply.text);
  } else {
    res.writeHead(reply.status, { ...headers, "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(reply.json ?? {}));
  }
}
