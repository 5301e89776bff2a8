import { createBranchLedgerStore } from "../github/ledger/branch-store.ts";
import { closeProposal } from "../github/ledger/mark-rejected.ts";
import { markMerged } from "../github/ledger/mark-merged.ts";
import { updateLedger } from "../github/ledger/store.ts";
import type { GitHub, RepoRef } from "../github/repo.ts";

/**
 * What the app learns from `pull_request.closed` webhooks, learnt from GitHub's state instead (an
 * Action gets no webhooks): each proposal the ledger holds open that GitHub says is closed is
 * recorded as merged, or closed unmerged (its papers rejected), with the same ledger functions
 * the app's handler uses. Returns the pull requests it recorded.
 */
export async function reconcileClosedProposals(github: GitHub, repo: RepoRef, now: Date): Promise<number[]> {
  const store = createBranchLedgerStore(github, repo);
  const { ledger } = await store.read();
  const open = Object.entries(ledger.proposals).filter(([, p]) => p.state === "open").map(([n]) => Number(n));
  const closed: { number: number; merged: boolean; by?: string }[] = [];
  for (const number of open) {
    const { data: issue } = await github.rest.issues.get({ ...repo, issue_number: number });
    if (issue.state !== "closed") continue;
    const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: number });
    closed.push({ number, merged: Boolean(pull.merged), ...(issue.closed_by?.login ? { by: issue.closed_by.login } : {}) });
  }
  if (closed.length === 0) return [];
  await updateLedger(store, (latest) => {
    for (const pr of closed) {
      if (latest.proposals[pr.number]?.state !== "open") continue;
      if (pr.merged) markMerged(latest, pr.number, { at: now });
      else closeProposal(latest, pr.number, { ...(pr.by ? { by: pr.by } : {}), at: now });
    }
  }, `headscout: pull requests ${closed.map((p) => `#${p.number}`).join(", ")} closed`);
  return closed.map((p) => p.number);
}
