import { HeadscoutError } from "../../../errors.ts";

/**
 * The line a pull request body needs to close the submitted issue when it is merged. Trusted text:
 * only the issue number (an integer from the webhook) goes into it, never anything the submitter wrote.
 */
export function renderClosesLine(issue: number): string {
  if (!Number.isSafeInteger(issue) || issue <= 0) throw new HeadscoutError(`not an issue number: ${issue}`);
  return `Closes #${issue} (submitted with the "Add new paper" issue form).`;
}
