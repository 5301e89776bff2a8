import type { CatalogDocument } from "../../../catalog/document.ts";
import { loadHeadRegistry, type HeadRegistry } from "../../../catalog/registry.ts";
import type { Config } from "../../../config/schema.ts";
import { createBranchLedgerStore } from "../../ledger/branch-store.ts";
import type { Ledger, ProposalRecord } from "../../ledger/schema.ts";
import type { LedgerStore } from "../../ledger/store.ts";
import { readRepoConfig } from "../../read-repo-config.ts";
import type { GitHub, RepoRef } from "../../repo.ts";
import { applyOperatorPolicy, readOperatorPolicy } from "../../scan/operator-policy.ts";
import { readCatalogAtHead, type ScanEnvironment } from "../../scan/scan-repository.ts";

/** Who asked for a command, where, and how to answer: what every handler gets. */
export interface CommandContext {
  github: GitHub;
  repo: RepoRef;
  /** The issue or pull request the comment is on. */
  issueNumber: number;
  /** The maintainer who asked (write access checked). */
  login: string;
  /** Where it was asked for (the comment's URL). */
  origin: string;
  environment: ScanEnvironment;
  /** The app's slug: `@<slug>` addresses it. */
  slug: string;
  reply(body: string): Promise<unknown>;
}

/** The repository as a command finds it: its config (the operator's policy applied), its ledger. */
export interface RepoState {
  config: Config;
  policyNotes: string[];
  store: LedgerStore;
  ledger: Ledger;
  registry: HeadRegistry;
}

/** The repository's config and ledger, or the reply when the config is invalid. */
export async function loadRepo(github: GitHub, repo: RepoRef, environment: ScanEnvironment): Promise<RepoState | string> {
  const repoConfig = await readRepoConfig(github, repo);
  if (repoConfig.kind === "invalid") return `headscout cannot do that: \`.github/headscout.yml\` is invalid (see the "headscout: configuration error" issue).`;
  const { config, notes } = applyOperatorPolicy(repoConfig.config, readOperatorPolicy(environment.env));
  const store = createBranchLedgerStore(github, repo);
  const { ledger } = await store.read();
  return { config, policyNotes: notes, store, ledger, registry: loadHeadRegistry() };
}

/** The catalog on the default branch for a reply, or undefined when it cannot be read (the reply says less). */
export async function catalogForReply(github: GitHub, repo: RepoRef, state: RepoState): Promise<{ document: CatalogDocument; path: string } | undefined> {
  try {
    const { document } = await readCatalogAtHead(github, repo, state.config.catalog.path, state.registry);
    return { document, path: state.config.catalog.path };
  } catch {
    return undefined;
  }
}

/** The open headscout pull request a command was commented on, or what to reply. */
export function openProposalOf(state: RepoState, pr: number): ProposalRecord | string {
  const record = state.ledger.proposals[pr];
  if (!record) return "headscout has no record of this pull request in its ledger.";
  if (record.state !== "open") return `This pull request is ${record.state}: there is nothing to change.`;
  return record;
}
