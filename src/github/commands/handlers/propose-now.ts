import { indexPaperRecords } from "../../ledger/find-paper.ts";
import { markHumanPushNoticed } from "../../ledger/mark-human-push.ts";
import { liftRejection } from "../../ledger/mark-rejected.ts";
import { recordProposal } from "../../ledger/record-proposal.ts";
import { verdictRecord } from "../../ledger/record-scan.ts";
import { recordSpend } from "../../ledger/record-spend.ts";
import { updateLedger } from "../../ledger/store.ts";
import { settlePaper, upsertPaper } from "../../ledger/upsert-paper.ts";
import { contextAtHead } from "../../propose/context-at-head.ts";
import { proposePapers } from "../../propose/propose-papers.ts";
import { codeSpan } from "../../proposal/escape.ts";
import { readCatalogAtHead } from "../../scan/scan-repository.ts";
import type { GitHub, RepoRef } from "../../repo.ts";
import type { ScanEnvironment } from "../../scan/scan-repository.ts";
import { paperLabel, shownText } from "../describe-record.ts";
import { fetchPapersById } from "../fetch-papers.ts";
import type { PaperRef } from "../paper-ref.ts";
import { addBlocker } from "../why-not.ts";
import type { RepoState } from "./context.ts";
import { triageAnyway } from "./triage-anyway.ts";

export interface ProposeNowRequest {
  github: GitHub;
  repo: RepoRef;
  environment: ScanEnvironment;
  /** Who asked, and how ("add", "the dashboard"): shown on the entries triage would not have proposed. */
  by: string;
  how: string;
}

/**
 * Proposes papers a maintainer named, now (`add`, a ticked near miss): a paper the catalog lists or
 * an open pull request proposes gets an answer saying where; the others are fetched, triaged past
 * the prefilter, drafted whatever the verdict (a rejection lifted: a maintainer asked) and put into
 * pull requests as the config's mode says. Returns the reply's lines.
 */
export async function proposeNow(request: ProposeNowRequest, state: RepoState, refs: readonly PaperRef[]): Promise<string[]> {
  const { github, repo, environment } = request;
  const { config, registry, ledger } = state;
  const head = await readCatalogAtHead(github, repo, config.catalog.path, registry);
  const lines: string[] = [];
  const wanted: PaperRef[] = [];
  for (const paper of refs) {
    const blocker = addBlocker({ paper, ledger, catalog: { document: head.document, path: config.catalog.path }, command: environment.command });
    if (blocker) lines.push(`- ${blocker.reply}`);
    else wanted.push(paper);
  }
  if (wanted.length === 0) return lines;

  const fetched = await fetchPapersById(wanted, { env: environment.env, ...(environment.fetch ? { fetch: environment.fetch } : {}) });
  for (const { ref, reason } of fetched.missing) lines.push(`- ${codeSpan(ref.key)}: not proposed, ${shownText(reason)}.`);
  const papers = [...fetched.found.values()];
  if (papers.length === 0) return lines;

  const { proposed, report } = await triageAnyway(papers, state, environment, { by: request.by, how: request.how });
  const now = environment.now();
  const { ledger: current } = await state.store.read();
  const outcome = await proposePapers(proposed, contextAtHead({
    github,
    repo,
    head,
    config,
    ledger: current,
    provenance: {
      queries: [],
      triage: {
        mode: report.mode,
        ...(proposed[0]?.verdict.provenance.model ? { model: proposed[0].verdict.provenance.model } : {}),
        ...(proposed[0]?.verdict.provenance.offlineModelVersion ? { offlineModelVersion: proposed[0].verdict.provenance.offlineModelVersion } : {}),
      },
      headscoutVersion: environment.version,
    },
    command: environment.command,
    registry,
    now,
  }));

  const at = now.toISOString();
  await updateLedger(state.store, (latest) => {
    const index = indexPaperRecords(latest);
    for (const { verdict } of proposed) {
      const [key, record] = upsertPaper(latest, index, verdict.paper, at, "judged");
      liftRejection(latest, [key]);
      record.verdict = verdictRecord(verdict, at);
      if (record.state !== "proposed" && record.state !== "merged") record.state = "judged";
      settlePaper(record, verdict.paper);
    }
    for (const update of outcome.records) recordProposal(latest, update);
    for (const pr of outcome.noticed) markHumanPushNoticed(latest, pr);
    const { llm } = report;
    if (llm.calls > 0 || llm.totalTokens > 0) recordSpend(latest, at.slice(0, 10), { calls: llm.calls, tokens: llm.totalTokens, costUsd: llm.estimatedCostUsd });
  }, `headscout: ${request.how} by ${request.by}`);

  for (const { draft } of proposed) {
    const pr = outcome.pullRequests.find((p) => p.papers.includes(draft.key));
    if (pr) lines.push(`- ${paperLabel(draft.entry.title, draft.key)}: proposed in #${pr.number}${pr.action === "opened" ? " (a new pull request)" : ""}.`);
  }
  for (const wait of outcome.waiting) lines.push(`- ${codeSpan(wait.key)} waits: ${shownText(wait.reason)}.`);
  return lines;
}
