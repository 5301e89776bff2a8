import { IdentityIndex } from "../../paper/identity.ts";
import type { Ledger, PaperRecord } from "./schema.ts";

export interface SkipReason {
  /** The paper's key in the ledger. */
  key: string;
  /** "rejected in #12 (closed by alice)", "judged irrelevant on 2026-06-01". */
  reason: string;
}

/**
 * Everything a scan must neither triage nor propose again, by identity (`samePaper`, so another
 * arXiv version or the OpenReview copy of a paper is the same paper): rejected, merged, proposed in
 * an open pull request, listed in the catalog, and judged irrelevant (that verdict stands; a new
 * version does not re-open it). Pending papers and relevant ones not yet proposed are not here:
 * they are the backlog (`pendingPapers`).
 */
export function papersToSkip(ledger: Ledger): IdentityIndex<SkipReason> {
  const index = new IdentityIndex<SkipReason>();
  for (const [key, record] of Object.entries(ledger.papers)) {
    const reason = skipReason(record);
    if (reason) index.add(record.identity, { key, reason });
  }
  return index;
}

export const LISTED_REASON = "listed in the catalog";

function skipReason(record: PaperRecord): string | undefined {
  switch (record.state) {
    case "rejected": {
      const { rejection } = record;
      const how = rejection ? ` (${rejection.how}${rejection.by ? ` by ${rejection.by}` : ""})` : "";
      return `rejected in #${rejection?.pr ?? record.proposal}${how}`;
    }
    case "merged":
      return `merged in #${record.proposal}`;
    case "proposed":
      return `proposed in #${record.proposal}`;
    case "listed":
      return LISTED_REASON;
    case "judged":
      return record.verdict?.decision === "relevant" ? undefined : `judged ${record.verdict?.decision ?? "before"}${record.verdict ? ` on ${record.verdict.at.slice(0, 10)}` : ""}`;
    default:
      return undefined;
  }
}
