import { codeSpan, escapeForGitHub } from "../escape.ts";

/** Said once when someone other than the bot pushes to a headscout branch: from then on it is theirs. */
export function renderHumanPushNotice(branch: string, user: string): string {
  return [
    `${escapeForGitHub(user)} pushed to ${codeSpan(branch)}, so headscout leaves this branch alone from now on: it will not rebuild or update this pull request.`,
    "Merge or close it as usual.",
  ].join(" ");
}
