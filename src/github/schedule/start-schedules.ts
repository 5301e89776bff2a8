import type { Logger, Probot } from "probot";
import { createBranchLedgerStore } from "../ledger/branch-store.ts";
import { readRepoConfig } from "../read-repo-config.ts";
import { repoName, type GitHub, type RepoRef } from "../repo.ts";
import { Scheduler, type Timers } from "./scheduler.ts";
import { latestTick, missedTick } from "./ticks.ts";

export interface ScheduleControl {
  scheduler: Scheduler;
  /** Reads a repository's config again and (re)schedules it, or stops its schedule. */
  refresh(installationId: number, repo: RepoRef): Promise<void>;
}

const MAX_JITTER_MS = 30 * 60_000;

/**
 * Schedules every repository of every installation that has a valid `.github/headscout.yml`
 * (none without one: installing the app alone starts nothing). Scheduled scans have no webhook
 * context: they authenticate with `app.auth(installationId)`. A tick missed while the app was
 * down (the ledger's last scheduled scan is older than the latest tick) runs once now.
 */
export async function startSchedules(options: {
  app: Probot;
  timers: Timers;
  log: Logger;
  /** A scan is due: `tick` identifies it across replicas (each replica's scheduler sees it). */
  onTick(installationId: number, repo: RepoRef, tick: Date): void;
}): Promise<ScheduleControl> {
  const targets = new Map<string, { installationId: number; repo: RepoRef }>();
  const scheduler = new Scheduler({
    timers: options.timers,
    maxJitterMs: MAX_JITTER_MS,
    onTick: (key, due) => {
      const target = targets.get(key);
      if (target) options.onTick(target.installationId, target.repo, due);
    },
  });

  const refresh = async (installationId: number, repo: RepoRef, github?: GitHub) => {
    const key = repoName(repo);
    const octokit = github ?? ((await options.app.auth(installationId)) as unknown as GitHub);
    const config = await readRepoConfig(octokit, repo);
    if (config.kind !== "valid" || config.config.schedule.cron === "off") {
      scheduler.remove(key);
      targets.delete(key);
      return;
    }
    targets.set(key, { installationId, repo });
    scheduler.set(key, config.config.schedule.cron);
    const { ledger } = await createBranchLedgerStore(octokit, repo).read();
    // An interrupted scheduled scan did not happen: its tick counts as missed.
    const last = ledger.scans.filter((s) => s.trigger === "schedule" && !s.interrupted).at(-1);
    const now = new Date(options.timers.now());
    if (missedTick(config.config.schedule.cron, last ? new Date(last.at) : undefined, now)) {
      options.log.info({ repo: key }, "a scheduled scan was missed while the app was down: running it now");
      options.onTick(installationId, repo, latestTick(config.config.schedule.cron, now) ?? now);
    }
  };

  const appOctokit = await options.app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    try {
      const github = (await options.app.auth(installation.id)) as unknown as GitHub;
      const repos = await github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      for (const repository of repos) await refresh(installation.id, { owner: repository.owner.login, repo: repository.name }, github);
    } catch (error) {
      options.log.error({ err: error, installation: installation.id }, "cannot schedule this installation's repositories");
    }
  }
  return { scheduler, refresh: (installationId, repo) => refresh(installationId, repo).catch((error: unknown) => options.log.error({ err: error, repo: repoName(repo) }, "cannot schedule")) };
}
