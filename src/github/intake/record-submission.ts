import { quoteExcerpt } from "../../errors.ts";
import { indexPaperRecords } from "../ledger/find-paper.ts";
import { LEDGER_LIMITS, type Ledger } from "../ledger/schema.ts";
import { settlePaper, upsertPaper } from "../ledger/upsert-paper.ts";
import type { ProposedPaper } from "../proposal/types.ts";

/**
 * Puts a submitted paper into the ledger before its pull request is recorded (`recordProposal`
 * needs every paper there): judged relevant, with the submission as the verdict's rationale and the
 * whole paper kept. A paper the ledger already holds keeps its record (and its key); a proposed,
 * merged or rejected one keeps its state too. Returns the ledger's key for the paper.
 */
export function recordSubmission(ledger: Ledger, { verdict }: ProposedPaper, at: Date): string {
  const when = at.toISOString();
  const [key, record] = upsertPaper(ledger, indexPaperRecords(ledger), verdict.paper, when, "judged");
  if (record.state === "proposed" || record.state === "merged" || record.state === "rejected") return key;
  record.state = "judged";
  record.verdict = {
    decision: "relevant",
    stage: verdict.provenance.stage,
    ...(verdict.rationale ? { rationale: quoteExcerpt(verdict.rationale, LEDGER_LIMITS.text) } : {}),
    at: when,
  };
  settlePaper(record, verdict.paper);
  return key;
}
