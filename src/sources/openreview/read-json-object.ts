import { HeadscoutError } from "../../errors.ts";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An answer's JSON body, which OpenReview always sends as an object; `what` names the answer
 * ("OpenReview's answer to GET …"). `null`, a list or broken JSON is an error saying so.
 */
export function readJsonObject(text: string, what: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HeadscoutError(`${what} is not valid JSON`, { cause: error });
  }
  if (!isObject(body)) throw new HeadscoutError(`${what} is ${body === null ? "null" : Array.isArray(body) ? "a list" : `a ${typeof body}`}, not a JSON object`);
  return body;
}
