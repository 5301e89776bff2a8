import { parseCatalog } from "../../catalog/parse.ts";
import { decodeCatalogBytes, requireCatalog } from "../../catalog/read-catalog-file.ts";
import { loadHeadRegistry, type HeadRegistry } from "../../catalog/registry.ts";
import type { Config } from "../../config/schema.ts";
import { describeError, HeadscoutError, redactSecrets, secretsInEnv } from "../../errors.ts";
import { runScan, type ScanResult } from "../../scan/run-scan.ts";
import type { SearchWindow } from "../../sources/arxiv/build-query.ts";
import { arxivQueriesFor } from "../../sources/fetch-all.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import type { SharedPaperCache } from "../../sources/shared-paper-cache.ts";
import type { AnswerCache } from "../../triage/llm/cache.ts";
import { triagePapers } from "../../triage/run.ts";
import { setUpTriage } from "../../triage/setup.ts";
import { syncConfigErrorIssue } from "../config-error-issue.ts";
import { readBranchHead } from "../git-data.ts";
import { createBranchLedgerStore } from "../ledger/branch-store.ts";
import { claimScan, releaseClaim } from "../ledger/claim-scan.ts";
import { markHumanPushNoticed } from "../ledger/mark-human-push.ts";
import { LISTED_REASON } from "../ledger/papers-to-skip.ts";
import { recallFromLedger } from "../ledger/recall-from-ledger.ts";
import { recordProposal } from "../ledger/record-proposal.ts";
import { recordScan, type RecordScanOptions } from "../ledger/record-scan.ts";
import { spendOn } from "../ledger/record-spend.ts";
import type { Ledger } from "../ledger/schema.ts";
import { updateLedger, type LedgerStore } from "../ledger/store.ts";
import { windowForScan } from "../ledger/window-for.ts";
import { contextAtHead } from "../propose/context-at-head.ts";
import { proposePapers, type ProposalOutcome } from "../propose/propose-papers.ts";
import { renderScanReply } from "../proposal/index.ts";
import { readRepoConfig } from "../read-repo-config.ts";
import { readRepoFile } from "../read-repo-file.ts";
import { repoName, type GitHub, type RepoRef } from "../repo.ts";
import { applyDailyCeiling } from "./daily-ceiling.ts";
import { applyOperatorPolicy, readOperatorPolicy } from "./operator-policy.ts";

/** What the app process shares between the scans it runs. */
export interface ScanEnvironment {
  /** The operator's environment: keys, endpoints, ceilings. */
  env: Record<string, string | undefined>;
  sharedPapers: SharedPaperCache;
  /** LLM answers kept across scans of every repository (no paper paid for twice). */
  answers: AnswerCache;
  now(): Date;
  /** This process, for the ledger's claim. */
  instanceId: string;
  /** How maintainers address the app: `@<slug>`. */
  command: string;
  version: string;
  fetch?: typeof fetch;
}

export interface ScanRequest {
  github: GitHub;
  repo: RepoRef;
  trigger: "schedule" | "command" | "action";
  /** Where it was asked for (a comment's URL), or "schedule". */
  origin: string;
  /** From `@headscout scan since DATE`: search from that day instead of the ledger's window. */
  since?: string;
  /** The queued job it runs, on a queue shared by replicas (its retry elsewhere takes the claim over). */
  job?: string;
}

export type ScanOutcome =
  | { kind: "config-error"; problems: string[]; reply: string }
  | { kind: "not-configured"; reply: string }
  | { kind: "busy"; origin: string; reply: string }
  | { kind: "failed"; reply: string; error: unknown }
  | { kind: "done"; result: ScanResult; proposals: ProposalOutcome; reply: string; state: { config: Config; ledger: Ledger } };

const CLAIM_TTL_MS = 30 * 60_000;

/**
 * One scan of one repository, as the app runs it on a schedule or a command: its config, its
 * catalog on the latest default branch, its ledger (window, memory, claim), the shared sources,
 * triage within the operator's ceilings, pull requests, and the ledger written back in one commit.
 */
export async function scanRepository(request: ScanRequest, environment: ScanEnvironment): Promise<ScanOutcome> {
  const { github, repo } = request;
  const repoConfig = await readRepoConfig(github, repo);
  if (repoConfig.kind === "invalid") {
    await syncConfigErrorIssue(github, repo, repoConfig.problems);
    return { kind: "config-error", problems: repoConfig.problems, reply: `headscout cannot scan: \`.github/headscout.yml\` is invalid (see the "headscout: configuration error" issue).` };
  }
  if (repoConfig.kind === "missing" && request.trigger === "schedule") {
    return { kind: "not-configured", reply: "no .github/headscout.yml: no scheduled scans" };
  }
  if (repoConfig.kind === "valid") await syncConfigErrorIssue(github, repo, undefined);
  const { config, notes } = applyOperatorPolicy(repoConfig.config, readOperatorPolicy(environment.env));

  const store = createBranchLedgerStore(github, repo);
  const now = environment.now();
  let claimed: Ledger | undefined;
  let holder: string | undefined;
  await updateLedger(store, (ledger) => {
    // Re-run on the ledger as it is after a conflict: only the last attempt's outcome counts.
    const claim = claimScan(ledger, { by: environment.instanceId, origin: request.origin, now, ttlMs: CLAIM_TTL_MS, ...(request.job ? { job: request.job } : {}) });
    claimed = claim.claimed ? structuredClone(ledger) : undefined;
    holder = claim.claimed ? undefined : claim.holder.origin;
  }, "headscout: scan started");
  if (!claimed) return { kind: "busy", origin: holder!, reply: `A scan of this repository is already running (${holder}); its report will follow there.` };

  try {
    return await scanClaimed(request, environment, config, store, claimed, now, notes);
  } catch (error) {
    await updateLedger(store, (ledger) => releaseClaim(ledger, environment.instanceId, request.job), "headscout: scan failed").catch(() => undefined);
    // A reply is public: nothing of the operator's environment (keys, tokens, endpoints) goes into it.
    const why = redactSecrets(describeError(error).split("\n")[0]!, secretsInEnv(environment.env));
    return { kind: "failed", error, reply: `The scan of ${repoName(repo)} failed: ${why}` };
  }
}

async function scanClaimed(
  request: ScanRequest,
  environment: ScanEnvironment,
  config: Config,
  store: LedgerStore,
  ledger: Ledger,
  now: Date,
  policyNotes: readonly string[],
): Promise<ScanOutcome> {
  const { github, repo } = request;
  const registry = loadHeadRegistry();
  const { text } = await readCatalogAtHead(github, repo, config.catalog.path, registry);

  const window: SearchWindow = request.since
    ? { from: new Date(`${request.since}T00:00:00Z`), to: now }
    : windowForScan(ledger, config, readSourceSettings(environment.env), now);
  const day = now.toISOString().slice(0, 10);
  const base = setUpTriage(config.triage, environment.env, { cache: environment.answers, ...(environment.fetch ? { fetch: environment.fetch } : {}) });
  const triage = applyDailyCeiling({ ...base, notes: [...policyNotes, ...(base.notes ?? [])] }, environment.env, spendOn(ledger, day).tokens);
  const result = await runScan(text, {
    registry,
    findPapers: () => environment.sharedPapers.find(config.sources, window),
    triage: (candidates) => triagePapers(candidates, triage),
    recall: recallFromLedger(ledger),
  }, config.catalog.path);

  const fresh = result.edit.inserted.flatMap((draft) => {
    const verdict = result.triage.verdicts.find((v) => v.key === draft.key);
    return verdict ? [{ draft, verdict }] : [];
  });
  // The default branch and the pull requests as they are now: a push, a rebuild or an untick may
  // have come while the sources were searched, and proposals are built on the latest of each.
  const [head, { ledger: current }] = await Promise.all([readCatalogAtHead(github, repo, config.catalog.path, registry), store.read()]);
  const proposals = await proposePapers(fresh, contextAtHead({
    github,
    repo,
    head,
    config,
    ledger: current,
    provenance: {
      ...(result.sources ? { sources: result.sources } : {}),
      queries: config.sources.arxiv.enabled ? arxivQueriesFor(config.sources.arxiv, window, registry) : [],
      triage: {
        mode: result.triage.mode,
        ...(triage.llm ? { model: triage.llm.client.model, promptVersion: triage.llm.prompt.version } : {}),
        ...(triage.offlineModel ? { offlineModelVersion: String(triage.offlineModel.version) } : {}),
      },
      headscoutVersion: environment.version,
    },
    command: environment.command,
    registry,
    now,
  }));

  const options: RecordScanOptions = {
    at: now,
    trigger: request.trigger,
    prs: { opened: proposals.pullRequests.filter((p) => p.action === "opened").map((p) => p.number), updated: proposals.pullRequests.filter((p) => p.action === "updated").map((p) => p.number) },
  };
  const written = await updateLedger(store, (latest) => {
    recordScan(latest, result, options);
    for (const update of proposals.records) recordProposal(latest, update);
    for (const pr of proposals.noticed) markHumanPushNoticed(latest, pr);
    releaseClaim(latest, environment.instanceId, request.job);
  }, `headscout: ${request.trigger} scan at ${now.toISOString()}`);

  const skipped = [
    ...result.triage.verdicts
      .filter((v) => v.decision === "needs-manual-triage" || v.decision === "not-triaged")
      .map((v) => ({ key: v.key, title: v.paper.title, reason: v.reason ?? v.decision })),
    ...result.edit.refused.map((r) => ({ key: r.draft.key, title: r.draft.entry.title, reason: r.reason })),
    ...proposals.waiting,
  ];
  // The ledger remembers papers the catalog listed at an earlier scan: still "already in the catalog" to a maintainer.
  const remembered = result.skipped ?? [];
  const listedBefore = remembered.filter((s) => s.reason === LISTED_REASON).length;
  const proposedBefore = remembered.filter((s) => s.reason.startsWith("proposed")).length;
  const reply = renderScanReply({
    ...(result.sources ? { sources: result.sources } : {}),
    found: result.found,
    alreadyListed: result.known.length + listedBefore,
    alreadyProposed: proposedBefore,
    seenBefore: remembered.length - listedBefore - proposedBefore,
    triage: result.triage,
    pullRequests: proposals.pullRequests.map((p) => ({ number: p.number, action: p.action, papers: p.papers.length })),
    skipped,
    deferred: proposals.waiting.length,
  });
  // The config and the ledger as written: what comes next (the dashboard) needs not read them again.
  return { kind: "done", result, proposals, reply, state: { config, ledger: written } };
}

/** The catalog as the default branch's head has it, with that head. */
export async function readCatalogAtHead(github: GitHub, repo: RepoRef, path: string, registry: HeadRegistry) {
  const { data: repository } = await github.rest.repos.get({ ...repo });
  const defaultBranch = repository.default_branch;
  const baseSha = await readBranchHead(github, repo, defaultBranch);
  if (!baseSha) throw new HeadscoutError(`${repoName(repo)} has no branch ${defaultBranch}`);
  const bytes = await readRepoFile(github, repo, path, baseSha);
  if (!bytes) throw new HeadscoutError(`no catalog at ${path} on ${defaultBranch} (set catalog.path in .github/headscout.yml)`);
  const text = decodeCatalogBytes(bytes, path);
  const document = requireCatalog(parseCatalog(text, { registry }), path);
  return { defaultBranch, baseSha, text, document };
}
