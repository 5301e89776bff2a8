import type { CatalogDocument } from "../../catalog/document.ts";
import type { HeadRegistry } from "../../catalog/registry.ts";
import type { Config } from "../../config/schema.ts";
import type { Ledger } from "../ledger/schema.ts";
import type { ProposalProvenance } from "../proposal/index.ts";
import type { GitHub, RepoRef } from "../repo.ts";
import type { ProposeContext } from "./propose-papers.ts";

/** The default branch's head as a proposal is built on it (`readCatalogAtHead`). */
export interface CatalogHead {
  defaultBranch: string;
  baseSha: string;
  text: string;
  document: CatalogDocument;
}

/** Everything `proposePapers` needs, for proposals built on `head` with the repository's config. */
export function contextAtHead(options: {
  github: GitHub;
  repo: RepoRef;
  head: CatalogHead;
  config: Pick<Config, "catalog" | "pullRequests">;
  ledger: Ledger;
  provenance: ProposalProvenance;
  command: string;
  registry: HeadRegistry;
  now: Date;
}): ProposeContext {
  const { head, config } = options;
  return {
    github: options.github,
    repo: options.repo,
    defaultBranch: head.defaultBranch,
    baseSha: head.baseSha,
    catalogPath: config.catalog.path,
    catalog: { text: head.text, document: head.document },
    config: config.pullRequests,
    ledger: options.ledger,
    provenance: options.provenance,
    command: options.command,
    registry: options.registry,
    now: options.now,
  };
}
