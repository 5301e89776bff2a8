import { escapeForGitHub } from "./proposal/escape.ts";
import { CONFIG_PATH } from "./read-repo-config.ts";
import type { GitHub, RepoRef } from "./repo.ts";

const MARKER = "<!-- headscout:config-error -->";
export const CONFIG_ERROR_TITLE = "headscout: configuration error";

/** The issue's body: each problem with its key path, and what happens until it is fixed. */
export function renderConfigErrorBody(problems: readonly string[]): string {
  const lines = problems.map((p) => {
    const at = p.indexOf(": ");
    return at > 0 ? `- \`${p.slice(0, at).replace(/`/g, "")}\`: ${escapeForGitHub(p.slice(at + 2))}` : `- ${escapeForGitHub(p)}`;
  });
  return [
    `headscout could not use \`${CONFIG_PATH}\`:`,
    "",
    ...lines,
    "",
    "Scheduled scans of this repository are paused until the file is valid. When it is, headscout closes this issue.",
    `The keys and their defaults are in the [configuration schema](https://github.com/headscout/headscout/blob/main/schema/headscout.schema.json).`,
    "",
    MARKER,
  ].join("\n");
}

async function findOpenIssue(github: GitHub, repo: RepoRef): Promise<{ number: number; body?: string | null | undefined } | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
  return issues.find((i) => !i.pull_request && i.user?.type === "Bot" && i.body?.includes(MARKER));
}

/**
 * Keeps one "configuration error" issue in step with the config: opened (or its body updated,
 * never a second one) while the config is invalid, closed by the bot once it is valid.
 */
export async function syncConfigErrorIssue(github: GitHub, repo: RepoRef, problems: readonly string[] | undefined): Promise<void> {
  const open = await findOpenIssue(github, repo);
  if (problems && problems.length > 0) {
    const body = renderConfigErrorBody(problems);
    if (!open) await github.rest.issues.create({ ...repo, title: CONFIG_ERROR_TITLE, body });
    else if (open.body !== body) await github.rest.issues.update({ ...repo, issue_number: open.number, body });
    return;
  }
  if (!open) return;
  await github.rest.issues.createComment({ ...repo, issue_number: open.number, body: `\`${CONFIG_PATH}\` is valid now; scheduled scans resume.` });
  await github.rest.issues.update({ ...repo, issue_number: open.number, state: "closed", state_reason: "completed" });
}
