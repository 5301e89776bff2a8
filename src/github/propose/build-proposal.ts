import type { CatalogDocument } from "../../catalog/document.ts";
import { insertEntries } from "../../catalog/insert.ts";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { diffInsertions } from "../../scan/diff-insertions.ts";
import { renderProposalBody, type ProposalInput, type ProposedPaper } from "../proposal/index.ts";

export interface BuiltProposal {
  /** The catalog with the included papers' entries inserted. */
  document: string;
  body: string;
  included: ProposedPaper[];
  /** Papers that did not fit this pull request (body size, or the catalog refused them), and why. */
  left: { paper: ProposedPaper; reason: string }[];
}

/**
 * A pull request's content from its papers: the body (built to fit GitHub's limit; papers that do
 * not fit wait for the next one), and the catalog with exactly the included papers inserted —
 * checked once more to be the old text plus inserted lines.
 */
export function buildProposal(catalog: { text: string; document: CatalogDocument }, papers: readonly ProposedPaper[], input: Omit<ProposalInput, "papers">, registry: HeadRegistry): BuiltProposal {
  const inserted = insertEntries(catalog.document, papers.map((p) => p.draft.entry), { registry });
  const refused = new Map(inserted.refused.map((r) => [r.index, r.error.message]));
  const accepted = papers.filter((_, i) => !refused.has(i));
  const left: BuiltProposal["left"] = papers.flatMap((paper, i) => (refused.has(i) ? [{ paper, reason: refused.get(i)! }] : []));
  if (accepted.length === 0) return { document: catalog.text, body: "", included: [], left };

  const rendered = renderProposalBody({ ...input, papers: accepted });
  const keep = new Set(rendered.included);
  const included = accepted.filter((p) => keep.has(p.draft.key));
  for (const paper of accepted) if (!keep.has(paper.draft.key)) left.push({ paper, reason: "waits for the next pull request (this one is full)" });
  const document = included.length === accepted.length ? inserted.document : insertEntries(catalog.document, included.map((p) => p.draft.entry), { registry }).document;
  diffInsertions(catalog.text, document);
  return { document, body: rendered.body, included, left };
}
