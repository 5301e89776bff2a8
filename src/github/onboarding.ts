import { lintCatalog } from "../catalog/lint.ts";
import { parseCatalog } from "../catalog/parse.ts";
import { decodeCatalogBytes } from "../catalog/read-catalog-file.ts";
import { loadVenueRegistry } from "../catalog/venues.ts";
import { configSchema } from "../config/schema.ts";
import { createCommit, moveBranch, readBranchHead } from "./git-data.ts";
import { escapeForGitHub } from "./proposal/index.ts";
import { CONFIG_PATH } from "./read-repo-config.ts";
import { readRepoFile } from "./read-repo-file.ts";
import type { GitHub, RepoRef } from "./repo.ts";

export const ONBOARDING_BRANCH = "headscout/onboarding";

/** The config file the onboarding pull request adds: every section, commented, with its defaults. */
export function renderStarterConfig(catalogPath: string): string {
  const defaults = configSchema.parse({});
  return [
    "# headscout: keeps this catalog up to date with new papers on attention heads.",
    "# Every key is optional; the values shown are the defaults. Schema:",
    "# https://github.com/headscout/headscout/blob/main/schema/headscout.schema.json",
    "catalog:",
    `  path: ${catalogPath}`,
    "schedule:",
    `  cron: "${defaults.schedule.cron}"    # UTC; "off" stops scheduled scans (\`@headscout scan\` still works)`,
    `  firstLookbackDays: ${defaults.schedule.firstLookbackDays}`,
    "pullRequests:",
    `  mode: ${defaults.pullRequests.mode}    # or per-paper`,
    `  labels: [${defaults.pullRequests.labels.join(", ")}]`,
    `  maxOpen: ${defaults.pullRequests.maxOpen}`,
    "# sources:",
    "#   arxiv: { categories: [cs.CL, cs.LG] }",
    "# triage:",
    "#   llm: { maxCallsPerRun: 100 }    # the operator's ceilings still apply",
    "",
  ].join("\n");
}

function describeCatalog(text: string, path: string): string[] {
  const document = parseCatalog(text);
  const problems = lintCatalog(document, loadVenueRegistry());
  const formats = { bullets: "a bullet list", markdown: "a markdown table", html: "an HTML table" } as const;
  const lines = [`- \`${escapeForGitHub(path)}\` is ${formats[document.format as keyof typeof formats] ?? document.format} with **${document.entries.length} papers**.`];
  if (problems.length === 0) lines.push("- `headscout catalog lint` finds no problems in it.");
  else {
    lines.push(`- \`headscout catalog lint\` finds ${problems.length} thing(s) worth a look (headscout changes none of them):`);
    for (const p of problems.slice(0, 10)) lines.push(`  - line ${p.line}: ${escapeForGitHub(p.message)}`);
    if (problems.length > 10) lines.push(`  - … and ${problems.length - 10} more`);
  }
  return lines;
}

/**
 * On installation: a repository whose catalog headscout can read, and that has no config yet,
 * gets one pull request adding a commented `.github/headscout.yml`. Nothing happens elsewhere
 * (an organisation-wide install stays quiet), and an onboarding pull request closed unmerged is
 * never opened again. Returns the pull request's number, if one was opened.
 */
export async function onboardRepository(github: GitHub, repo: RepoRef, options: { command: string }): Promise<number | undefined> {
  const { data: repository } = await github.rest.repos.get({ ...repo });
  const base = await readBranchHead(github, repo, repository.default_branch);
  if (!base) return undefined;
  if (await readRepoFile(github, repo, CONFIG_PATH, base)) return undefined;
  const previous = await github.rest.pulls.list({ ...repo, state: "all", head: `${repo.owner}:${ONBOARDING_BRANCH}`, per_page: 1 });
  if (previous.data.length > 0) return undefined;
  const catalogPath = "README.md";
  const bytes = await readRepoFile(github, repo, catalogPath, base);
  if (!bytes) return undefined;
  let text: string;
  try {
    text = decodeCatalogBytes(bytes, catalogPath);
    const document = parseCatalog(text);
    if (document.entries.length === 0 && document.sections.length === 0) return undefined;
  } catch {
    return undefined;
  }
  const commit = await createCommit(github, repo, { parent: base, files: { [CONFIG_PATH]: renderStarterConfig(catalogPath) }, message: "Add .github/headscout.yml" });
  await moveBranch(github, repo, ONBOARDING_BRANCH, commit, await readBranchHead(github, repo, ONBOARDING_BRANCH));
  const body = [
    "👋 headscout watches arXiv and OpenReview for papers that identify or characterise attention heads, and proposes them here as pull requests that only insert rows into your catalog.",
    "",
    "### What headscout found",
    "",
    ...describeCatalog(text, catalogPath),
    "",
    "### What happens next",
    "",
    `- **Merge this pull request** to turn on scheduled scans (daily at 06:00 UTC by default; edit \`${CONFIG_PATH}\` first to change anything).`,
    `- Until then nothing runs on a schedule. A maintainer can comment \`${options.command} scan\` on any issue or pull request to scan now.`,
    "- **Close it** and headscout will not ask again.",
  ].join("\n");
  const { data: pr } = await github.rest.pulls.create({ ...repo, head: ONBOARDING_BRANCH, base: repository.default_branch, title: "Set up headscout", body });
  return pr.number;
}
