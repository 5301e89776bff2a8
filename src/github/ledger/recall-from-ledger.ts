import { IdentityIndex, identityOfPaper } from "../../paper/identity.ts";
import type { RecalledPapers, SkippedPaper } from "../../scan/run-scan.ts";
import type { Paper } from "../../sources/paper.ts";
import { papersToSkip } from "./papers-to-skip.ts";
import { pendingPapers } from "./pending-papers.ts";
import type { Ledger } from "./schema.ts";

/**
 * A scan's memory (`ScanDeps.recall`) from a ledger: found papers it says must not come again are
 * skipped with its reason; its backlog is added after the found papers, unless a source found the
 * paper again (then the fresher copy is triaged).
 */
export function recallFromLedger(ledger: Ledger): (found: readonly Paper[]) => RecalledPapers {
  const skip = papersToSkip(ledger);
  const backlog = pendingPapers(ledger);
  return (found) => {
    const papers: Paper[] = [];
    const skipped: SkippedPaper[] = [];
    const kept = new IdentityIndex<Paper>();
    for (const paper of found) {
      const identity = identityOfPaper(paper);
      const match = skip.find(identity);
      if (match) {
        skipped.push({ paper, key: match.item.key, reason: match.item.reason });
      } else {
        papers.push(paper);
        kept.add(identity, paper);
      }
    }
    const retried = backlog.map((p) => p.paper).filter((paper) => !kept.find(identityOfPaper(paper)));
    return { papers: [...papers, ...retried], skipped, retried };
  };
}
