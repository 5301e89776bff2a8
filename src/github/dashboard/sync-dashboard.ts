import type { Config } from "../../config/schema.ts";
import type { Ledger } from "../ledger/schema.ts";
import type { GitHub, RepoRef } from "../repo.ts";
import { DASHBOARD_TITLE, isDashboardBody, renderDashboard } from "./render-dashboard.ts";

export interface DashboardIssue {
  number: number;
  state: string;
  body?: string | null;
}

/** The bot's dashboard issue, open or closed, found by its marker (never by its title). */
export async function findDashboard(github: GitHub, repo: RepoRef): Promise<DashboardIssue | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: "all", per_page: 100 });
  return issues.find((i) => !i.pull_request && i.user?.type === "Bot" && isDashboardBody(i.body ?? ""));
}

export interface SyncDashboardInput {
  config: Config;
  ledger: Ledger;
  now: Date;
  command: string;
  notes?: readonly string[];
}

/**
 * Keeps the one dashboard issue in step with the ledger (`dashboard.enabled`): created the first
 * time, its body replaced after, never a second one. A closed dashboard was closed by a person (the
 * bot never closes it): it is left alone until someone reopens it. Returns what it did.
 */
export async function syncDashboard(github: GitHub, repo: RepoRef, input: SyncDashboardInput): Promise<"off" | "closed" | "created" | "updated" | "unchanged"> {
  if (!input.config.dashboard.enabled) return "off";
  const found = await findDashboard(github, repo);
  if (found?.state === "closed") return "closed";
  const body = renderDashboard({
    ledger: input.ledger,
    now: input.now,
    nearMissFloor: input.config.dashboard.nearMissFloor,
    catalogPath: input.config.catalog.path,
    command: input.command,
    ...(input.notes?.length ? { notes: input.notes } : {}),
  });
  if (!found) {
    await github.rest.issues.create({ ...repo, title: DASHBOARD_TITLE, body });
    return "created";
  }
  if (found.body === body) return "unchanged";
  await github.rest.issues.update({ ...repo, issue_number: found.number, body });
  return "updated";
}
