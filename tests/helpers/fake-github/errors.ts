/** One item of a 422 "Validation Failed" body, in GitHub's fields. */
export interface ValidationItem {
  resource: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  field?: string;
  message?: string;
}

/** Why the fake refused a request the app should never have sent (see `fake.rejected`). */
export type RejectReason = "schema" | "json" | "invalid" | "limit" | "auth" | "permission";

/**
 * A refusal in GitHub's words, thrown by a handler; the server turns it into the response
 * (adding the operation's documentation_url and the status string GitHub repeats in the body).
 * `reject` marks refusals of requests the app should never send, which tests assert never happen.
 */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly options: { errors?: ValidationItem[] | string[]; headers?: Record<string, string>; reject?: RejectReason } = {},
  ) {
    super(message);
  }
}

export const notFound = () => new GitHubError(404, "Not Found");

export const validationFailed = (...errors: ValidationItem[]) => new GitHubError(422, "Validation Failed", { errors });

/** GitHub's message for a body over a field's length limit; the app should never send one. */
export function tooLong(resource: string, field: string, max: number): GitHubError {
  return new GitHubError(422, "Validation Failed", {
    errors: [{ resource, code: "custom", field, message: `${field} is too long (maximum is ${max} characters)` }],
    reject: "limit",
  });
}

export function errorBody(status: number, message: string, documentationUrl: string, errors?: unknown[]): Record<string, unknown> {
  return { message, ...(errors ? { errors } : {}), documentation_url: documentationUrl, status: String(status) };
}
