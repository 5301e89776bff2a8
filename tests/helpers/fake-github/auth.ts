import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import { GitHubError } from "./errors.ts";
import type { Actor, Installation, Permissions, User } from "./model.ts";
import type { GitHubState } from "./state.ts";

/** A key pair made at start-up: tests give Probot the private PEM, the fake checks JWTs with the public key. */
export function generateAppKeys(): { privateKey: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), publicKey };
}

const undecodable = () => new GitHubError(401, "A JSON web token could not be decoded", { reject: "auth" });

/**
 * Checks an app JWT as GitHub does: RS256 over the app's key, `iss` the app id (or client id),
 * `exp` in the future and at most ten minutes after `iat`, `iat` not in the future.
 */
export function verifyAppJwt(jwt: string, publicKey: KeyObject, app: { id: number; clientId: string }, nowSeconds: number): void {
  const parts = jwt.split(".");
  if (parts.length !== 3) throw undecodable();
  const [header, payload, signature] = parts as [string, string, string];
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    const h = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string };
    if (h.alg !== "RS256") throw new Error("alg");
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
  } catch {
    throw undecodable();
  }
  if (!verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))) throw undecodable();
  if (String(claims.iss) !== String(app.id) && claims.iss !== app.clientId) throw new GitHubError(401, "'Issuer' claim ('iss') must be an Integer", { reject: "auth" });
  const { iat, exp } = claims;
  if (typeof iat !== "number" || iat > nowSeconds + 60) throw new GitHubError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued", { reject: "auth" });
  if (typeof exp !== "number" || exp <= nowSeconds)
    throw new GitHubError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires", { reject: "auth" });
  if (exp - iat > 600 + 60) throw new GitHubError(401, "'Expiration time' claim ('exp') is too far in the future", { reject: "auth" });
}

interface Grant {
  installationId?: number;
  login?: string;
  repositories?: Set<string>;
  permissions?: Permissions;
  expiresAt: number;
}

/** The tokens the fake has issued: installation tokens (an hour, as GitHub) and test users' tokens. */
export class Tokens {
  readonly #grants = new Map<string, Grant>();

  issueInstallationToken(inst: Installation, nowMs: number, limit: { repositories?: Set<string>; permissions?: Permissions } = {}): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    const expiresAt = nowMs + 3600_000;
    this.#grants.set(token, { installationId: inst.id, expiresAt, ...limit });
    return { token, expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  issueUserToken(login: string): string {
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    this.#grants.set(token, { login, expiresAt: Number.POSITIVE_INFINITY });
    return token;
  }

  /** Who a token acts as; 401 "Bad credentials" for one the fake never issued or that expired. */
  actor(token: string, state: GitHubState, nowMs: number): Actor {
    const grant = this.#grants.get(token);
    if (!grant || grant.expiresAt <= nowMs) throw new GitHubError(401, "Bad credentials", { reject: "auth" });
    if (grant.login) return { kind: "user", user: state.user(grant.login) };
    const installation = state.installations.get(grant.installationId!);
    if (!installation) throw new GitHubError(401, "Bad credentials", { reject: "auth" });
    const user: User = state.app.bot;
    return { kind: "installation", installation, user, repositories: grant.repositories, permissions: grant.permissions ?? installation.permissions };
  }
}
