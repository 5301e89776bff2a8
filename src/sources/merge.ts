import { IdentityIndex, identityOfPaper } from "../paper/identity.ts";
import type { Paper } from "./paper.ts";

export interface MergeResult {
  papers: Paper[];
  /** How many input papers were folded into another one. */
  merged: number;
}

/**
 * One Paper per work: papers that are the same paper by the one identity rule (`samePaper`: a
 * shared arXiv id, OpenReview id or DOI, or an equal title that is distinctive or backed by the
 * same first author) are combined, in first-seen order.
 */
export function mergePapers(papers: readonly Paper[]): MergeResult {
  const parent = papers.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const earlier = new IdentityIndex<number>();
  papers.forEach((paper, index) => {
    const identity = identityOfPaper(paper);
    for (const match of earlier.findAll(identity)) parent[find(match.item)] = find(index);
    earlier.add(identity, index);
  });

  const groups = new Map<number, Paper[]>();
  papers.forEach((paper, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(paper);
    else groups.set(root, [paper]);
  });
  const merged = [...groups.values()].map(combine);
  return { papers: merged, merged: papers.length - merged.length };
}

/** Combines reports of one work: arXiv's latest version for the text, OpenReview's venue when it knows an acceptance. */
function combine(group: Paper[]): Paper {
  if (group.length === 1) return structuredClone(group[0]!);
  const arxiv = group.filter((p) => p.sources.includes("arxiv"));
  const text = [...(arxiv.length ? arxiv : group)].sort(byNewestVersion)[0]!;
  const paper: Paper = structuredClone(text);
  for (const other of group) {
    if (other === text) continue;
    paper.ids.arxiv ??= other.ids.arxiv;
    paper.ids.openreview ??= other.ids.openreview;
    paper.ids.doi ??= other.ids.doi;
    if (other.ids.arxivVersion && other.ids.arxivVersion > (paper.ids.arxivVersion ?? 0)) paper.ids.arxivVersion = other.ids.arxivVersion;
    // arXiv's first submission is the paper's date; a venue's publication date comes later.
    if (!text.sources.includes("arxiv") && other.published < paper.published) paper.published = other.published;
    if (other.updated && (!paper.updated || other.updated > paper.updated)) paper.updated = other.updated;
    paper.primaryCategory ??= other.primaryCategory;
    paper.categories = [...new Set([...paper.categories, ...other.categories])];
    paper.comment ??= other.comment;
    paper.journalRef ??= other.journalRef;
    paper.links.abstract ??= other.links.abstract;
    paper.links.pdf ??= other.links.pdf;
    paper.links.openreview ??= other.links.openreview;
    if (!paper.abstract) paper.abstract = other.abstract;
    if (paper.authors.length === 0) paper.authors = [...other.authors];
  }
  const venueFrom = pickVenue(group);
  delete paper.venue;
  delete paper.decision;
  if (venueFrom?.venue) paper.venue = venueFrom.venue;
  if (venueFrom?.decision) paper.decision = venueFrom.decision;
  paper.sources = (["arxiv", "openreview"] as const).filter((s) => group.some((p) => p.sources.includes(s)));
  for (const key of ["arxiv", "openreview", "doi", "arxivVersion"] as const) {
    if (paper.ids[key] === undefined) delete paper.ids[key];
  }
  return paper;
}

function byNewestVersion(a: Paper, b: Paper): number {
  const version = (b.ids.arxivVersion ?? 0) - (a.ids.arxivVersion ?? 0);
  if (version !== 0) return version;
  return (b.updated ?? b.published).localeCompare(a.updated ?? a.published);
}

/** OpenReview's acceptance first, then any acceptance, then OpenReview's word, then anyone's. */
function pickVenue(group: Paper[]): Paper | undefined {
  const withVenue = group.filter((p) => p.venue || p.decision);
  const fromOpenReview = (p: Paper) => p.sources.includes("openreview");
  return (
    withVenue.find((p) => p.decision === "accepted" && fromOpenReview(p)) ??
    withVenue.find((p) => p.decision === "accepted") ??
    withVenue.find(fromOpenReview) ??
    withVenue[0]
  );
}
