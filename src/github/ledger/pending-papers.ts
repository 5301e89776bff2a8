import type { Paper } from "../../sources/paper.ts";
import type { Ledger } from "./schema.ts";

export interface PendingPaper {
  key: string;
  paper: Paper;
}

/**
 * The backlog, oldest first: papers not judged yet (a cap, an outage, held for a maintainer) and
 * papers judged relevant that no pull request proposes yet (a dry run, a full grouped PR). The next
 * scan triages them again even though its window has moved past them.
 */
export function pendingPapers(ledger: Ledger): PendingPaper[] {
  return Object.entries(ledger.papers)
    .filter(([, r]) => r.paper && (r.state === "pending" || (r.state === "judged" && r.verdict?.decision === "relevant")))
    .sort(([, a], [, b]) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen))
    .map(([key, r]) => ({ key, paper: r.paper! }));
}
