import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

/** A webhook as GitHub would deliver it: the event name (X-GitHub-Event) and the JSON payload. */
export interface Delivery {
  name: string;
  payload: Record<string, unknown>;
  /** X-GitHub-Delivery; a random GUID when absent. Reuse one to simulate a redelivery. */
  id?: string;
}

export interface SendOptions {
  secret: string;
  /** X-GitHub-Hook-ID (default 123456789). */
  hookId?: number;
  /** X-GitHub-Hook-Installation-Target-ID: the app's id. */
  appId?: number;
  /** Sign with this secret instead (a forged delivery). */
  signWith?: string;
}

export interface SendResult {
  status: number;
  elapsedMs: number;
  deliveryId: string;
  body: string;
}

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
let definitions: Definition[] | undefined;

/**
 * The real payload @octokit/webhooks-examples holds for this event and action (a deep copy):
 * among several, one with an installation and without an organization, as an app receives for
 * a user's repository. `action` is not set here: `webhook()` sets it with the overrides.
 */
export function examplePayload(name: string, action?: string): Record<string, unknown> {
  definitions ??= JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples"), "utf8")) as Definition[];
  const all = definitions.find((d) => d.name === name)?.examples ?? [];
  // The package has no example for some actions (pull_request.edited): another action's payload
  // of the same event has the same shape, and the caller's overrides set the action.
  const forAction = all.filter((e) => action === undefined || e.action === action);
  const examples = forAction.length > 0 ? forAction : all;
  const score = (e: Record<string, unknown>) => ("installation" in e ? 2 : 0) + ("organization" in e ? 0 : 1);
  const best = [...examples].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ""} payload`);
  const copy = structuredClone(best);
  if (!("installation" in copy)) delete copy.organization;
  return copy;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

// `changes` says what an edit changed: merging the example's would claim edits that did not happen.
const REPLACED = new Set(["changes"]);

/** Overrides applied over a payload: objects merge key by key, anything else replaces; undefined deletes. */
export function mergeOverrides(target: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete target[key];
    else if (isPlainObject(value) && isPlainObject(target[key]) && !REPLACED.has(key)) mergeOverrides(target[key], value);
    else target[key] = structuredClone(value);
  }
  return target;
}

/** A delivery built on the real example payload with these fields overridden. */
export function webhook(name: string, action: string | undefined, overrides: Record<string, unknown> = {}): Delivery {
  return { name, payload: mergeOverrides(examplePayload(name, action), { ...(action ? { action } : {}), ...overrides }) };
}

/** X-Hub-Signature-256's value: "sha256=" and the HMAC-SHA256 of the exact body bytes. */
export function signWebhook(secret: string, body: string, algorithm: "sha256" | "sha1" = "sha256"): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`;
}

/** POSTs a delivery with GitHub's headers and signatures; the status and how long the receiver took to answer. */
export async function sendWebhook(url: string, delivery: Delivery, options: SendOptions): Promise<SendResult> {
  const body = JSON.stringify(delivery.payload);
  const deliveryId = delivery.id ?? randomUUID();
  const secret = options.signWith ?? options.secret;
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/fake",
      "x-github-event": delivery.name,
      "x-github-delivery": deliveryId,
      "x-github-hook-id": String(options.hookId ?? 123456789),
      "x-github-hook-installation-target-id": String(options.appId ?? 0),
      "x-github-hook-installation-target-type": "integration",
      "x-hub-signature": signWebhook(secret, body, "sha1"),
      "x-hub-signature-256": signWebhook(secret, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, elapsedMs: performance.now() - started, deliveryId, body: text };
}
