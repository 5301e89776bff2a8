import { HeadscoutError } from "../../errors.ts";
import { SourceUnavailableError } from "../errors.ts";
import { requestWithRetry, type HttpContext } from "../http/request.ts";
import { describeRequest } from "../../http/describe-request.ts";
import { openReviewFailure } from "./api-error.ts";
import { readJsonObject } from "./read-json-object.ts";

export interface OpenReviewCredentials {
  username: string;
  password: string;
}

/** OpenReview's default; asked for explicitly so the expiry is known even without reading the token. */
export const TOKEN_LIFETIME_SECONDS = 3600;
// Renew this long before the token runs out, so a request never carries an expired one.
const RENEW_MARGIN_MS = 60_000;

/** Logs in once and hands out the token until it is about to expire. */
export class OpenReviewSession {
  private token: string | undefined;
  private expiresAt = 0;
  logins = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: OpenReviewCredentials | undefined,
    private readonly http: HttpContext,
    private readonly userAgent: string,
  ) {}

  async getToken(): Promise<string> {
    if (this.token && this.http.clock.now() < this.expiresAt - RENEW_MARGIN_MS) return this.token;
    return this.login();
  }

  /** The last token issued, even once forgotten: for taking it out of error reports. */
  lastToken: string | undefined;

  /** Forgets the token (the server said it expired), so the next request logs in again. */
  invalidate(): void {
    this.token = undefined;
  }

  private async login(): Promise<string> {
    if (!this.credentials) {
      throw new SourceUnavailableError("OpenReview needs an account: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD");
    }
    const url = `${this.baseUrl}/login`;
    const what = describeRequest("POST", url);
    const requestedAt = this.http.clock.now();
    const response = await requestWithRetry(this.http, {
      method: "POST",
      url,
      headers: { "User-Agent": this.userAgent, Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ id: this.credentials.username, password: this.credentials.password, expiresIn: TOKEN_LIFETIME_SECONDS }),
    });
    if (response.status !== 200) throw openReviewFailure(response, `the login of ${this.credentials.username} (${what})`);
    const token = readJsonObject(response.text, `OpenReview's login answer (${what})`).token;
    if (typeof token !== "string" || !token) throw new HeadscoutError(`OpenReview's login answer has no token (${what})`);
    this.logins++;
    this.token = token;
    this.lastToken = token;
    this.expiresAt = readJwtExpiry(token) ?? requestedAt + TOKEN_LIFETIME_SECONDS * 1000;
    return token;
  }
}

/** The `exp` claim of a JWT, in ms; undefined for an opaque token. */
export function readJwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
