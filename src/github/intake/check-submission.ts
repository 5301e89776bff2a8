import type { CatalogDocument } from "../../catalog/document.ts";
import { identityOfPaper, type IdentityKey } from "../../paper/identity.ts";
import { dropKnownPapers } from "../../scan/drop-known-papers.ts";
import type { Paper } from "../../sources/paper.ts";
import { paperKey } from "../../triage/text.ts";
import { papersToSkip } from "../ledger/papers-to-skip.ts";
import type { Ledger, RejectionKind } from "../ledger/schema.ts";
import { renderDuplicateReply, type ReplyOptions } from "./texts.ts";

export type SubmissionCheck =
  /** Nothing stands in the way; `notes` are for the pull request (an earlier verdict, say). */
  | { kind: "new"; key: string; notes: string[] }
  | { kind: "listed"; key: string; title: string; line: number; section?: string; matchedBy: IdentityKey; reply: string }
  | { kind: "proposed"; key: string; pr: number; reply: string }
  | { kind: "merged"; key: string; pr: number; reply: string }
  | { kind: "rejected"; key: string; pr: number; at?: string; how?: RejectionKind; by?: string; reply: string };

export type Duplicate = Exclude<SubmissionCheck, { kind: "new" }>;
/** A duplicate before its reply is written. */
export type DuplicateFinding = { [K in Duplicate["kind"]]: Omit<Extract<Duplicate, { kind: K }>, "reply"> }[Duplicate["kind"]];

/**
 * Whether a found paper may be proposed: the catalog may list it already (which row), an open
 * headscout pull request may propose it (which), a maintainer may have turned it down (when, where)
 * or merged it. All by the one identity rule, so another arXiv version or the OpenReview copy is
 * the same paper. A duplicate comes with the comment to post. A paper headscout judged irrelevant
 * is not a duplicate: a reader asked for it, and the pull request says what headscout thought.
 */
export function checkSubmission(paper: Paper, catalog: Pick<CatalogDocument, "entries" | "sections">, ledger: Ledger, options: ReplyOptions = {}): SubmissionCheck {
  const finding = findDuplicate(paper, catalog, ledger);
  if (finding.kind === "new") return finding;
  return { ...finding, reply: renderDuplicateReply(finding, paper, options) } as Duplicate;
}

function findDuplicate(paper: Paper, catalog: Pick<CatalogDocument, "entries" | "sections">, ledger: Ledger): DuplicateFinding | Extract<SubmissionCheck, { kind: "new" }> {
  const key = paperKey(paper);
  const listed = dropKnownPapers([paper], catalog.entries).known[0];
  if (listed) {
    const row = catalog.entries.find((e) => e.start + 1 === listed.line);
    const section = row ? catalog.sections[row.section]?.title : undefined;
    return { kind: "listed", key, title: listed.entryTitle, line: listed.line, matchedBy: listed.key, ...(section ? { section } : {}) };
  }
  const skip = papersToSkip(ledger).find(identityOfPaper(paper));
  const record = skip ? ledger.papers[skip.item.key] : undefined;
  const notes: string[] = [];
  if (skip && record) {
    const pr = record.rejection?.pr ?? record.proposal;
    switch (record.state) {
      case "proposed":
        if (pr) return { kind: "proposed", key: skip.item.key, pr };
        break;
      case "merged":
        if (pr) return { kind: "merged", key: skip.item.key, pr };
        break;
      case "rejected": {
        const r = record.rejection;
        if (pr) return { kind: "rejected", key: skip.item.key, pr, ...(r ? { at: r.at, how: r.how, ...(r.by ? { by: r.by } : {}) } : {}) };
        break;
      }
      case "listed":
        notes.push("headscout remembers the catalog listing this paper before; the catalog no longer does.");
        break;
      case "judged": {
        const v = record.verdict;
        if (v) notes.push(`headscout judged this paper ${v.decision} on ${v.at.slice(0, 10)}${v.rationale ? `: ${v.rationale}` : v.reason ? `: ${v.reason}` : ""}.`);
        break;
      }
    }
  }
  return { kind: "new", key, notes };
}
