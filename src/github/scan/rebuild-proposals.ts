import { loadHeadRegistry } from "../../catalog/registry.ts";
import { recordProposal } from "../ledger/record-proposal.ts";
import { markHumanPushNoticed } from "../ledger/mark-human-push.ts";
import { createBranchLedgerStore } from "../ledger/branch-store.ts";
import { updateLedger } from "../ledger/store.ts";
import { contextAtHead } from "../propose/context-at-head.ts";
import { proposePapers, type ProposalOutcome } from "../propose/propose-papers.ts";
import { readRepoConfig } from "../read-repo-config.ts";
import type { GitHub, RepoRef } from "../repo.ts";
import { readCatalogAtHead, type ScanEnvironment } from "./scan-repository.ts";

/**
 * Brings the repository's open headscout pull requests up to date without searching anything:
 * rebuilt on the default branch as it is now (papers the catalog lists by now dropped, papers the
 * ledger says were rejected taken out), unless someone else pushed to a branch. `force`: pull
 * requests rebuilt even when nothing seems to have changed (a command changed what they propose).
 */
export async function rebuildProposals(github: GitHub, repo: RepoRef, environment: ScanEnvironment, { force }: { force?: readonly number[] } = {}): Promise<ProposalOutcome | undefined> {
  const repoConfig = await readRepoConfig(github, repo);
  if (repoConfig.kind === "invalid") return undefined;
  const { config } = repoConfig;
  const store = createBranchLedgerStore(github, repo);
  const { ledger } = await store.read();
  if (!Object.values(ledger.proposals).some((p) => p.state === "open")) return undefined;
  const registry = loadHeadRegistry();
  const head = await readCatalogAtHead(github, repo, config.catalog.path, registry);
  const now = environment.now();
  // A rebuild searches and judges nothing: each pull request keeps the provenance it was opened with.
  const provenance = { queries: [], triage: { mode: "offline" as const }, headscoutVersion: environment.version };
  const context = contextAtHead({ github, repo, head, config, ledger, provenance, command: environment.command, registry, now });
  const outcome = await proposePapers([], { ...context, ...(force ? { force } : {}) });
  if (outcome.records.length || outcome.noticed.length) {
    await updateLedger(store, (latest) => {
      for (const update of outcome.records) recordProposal(latest, update);
      for (const pr of outcome.noticed) markHumanPushNoticed(latest, pr);
    }, "headscout: pull requests rebuilt");
  }
  return outcome;
}
