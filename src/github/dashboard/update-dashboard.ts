import type { Config } from "../../config/schema.ts";
import { loadRepo } from "../commands/handlers/index.ts";
import type { Ledger } from "../ledger/schema.ts";
import type { GitHub, RepoRef } from "../repo.ts";
import type { ScanEnvironment } from "../scan/scan-repository.ts";
import { syncDashboard } from "./sync-dashboard.ts";

/**
 * The dashboard issue brought up to date with the ledger (when the config keeps one), as after a
 * scan: the app after each scheduled or commanded scan, and the GitHub Action after its scan
 * (`known`: the config and the ledger a scan just wrote, so they are not read again).
 * Returns what it did, or "no-config" when the config is invalid; failures are the caller's.
 */
export async function updateDashboard(
  github: GitHub,
  repo: RepoRef,
  environment: ScanEnvironment,
  options: { notes?: readonly string[]; known?: { config: Config; ledger: Ledger } } = {},
) {
  const state = options.known ?? (await loadRepo(github, repo, environment));
  if (typeof state === "string") return "no-config" as const;
  const { notes } = options;
  return syncDashboard(github, repo, { config: state.config, ledger: state.ledger, now: environment.now(), command: environment.command, ...(notes ? { notes } : {}) });
}
