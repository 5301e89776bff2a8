import type { SourcesReport } from "../../../src/sources/report.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { draftEntry, type Verdict } from "../../../src/triage/verdict.ts";
import type { ProposalInput, ProposedPaper } from "../../../src/github/proposal/index.ts";

/** A relevant LLM verdict on a made-up paper, and its draft; `n` keeps ids and titles distinct. */
export function makeProposedPaper(n: number, overrides: { paper?: Partial<Paper>; verdict?: Partial<Verdict> } = {}): ProposedPaper {
  const id = `2411.${String(10000 + n)}`;
  const paper: Paper = {
    ids: { arxiv: id, arxivVersion: 1 },
    title: `Copy Suppression Heads in Model ${n}`,
    abstract: "We find copy suppression heads in GPT-2 Small. Ablating them hurts calibration. They suppress tokens earlier heads copied.",
    authors: ["A. Author"],
    published: "2024-11-20T10:00:00Z",
    categories: ["cs.CL"],
    links: { abstract: `https://arxiv.org/abs/${id}v1` },
    sources: ["arxiv"],
    ...overrides.paper,
  };
  const verdict: Verdict = {
    key: paper.ids.arxiv ? `arxiv:${paper.ids.arxiv}` : `title:${n}`,
    paper,
    decision: "relevant",
    confidence: 0.87,
    rationale: "The paper identifies heads that suppress copied tokens.",
    tags: [{ name: "Copy Suppression Head", evidence: "copy suppression heads" }],
    newHeadTypes: [],
    droppedTags: [],
    summary: ["Finds copy suppression heads in GPT-2 Small.", "Ablating them hurts calibration.", "They suppress tokens earlier heads copied."],
    flags: [],
    prefilter: { score: 3, passed: true, signals: [], registryMatches: [] },
    provenance: { stage: "llm", model: "gpt-5.4-mini", promptVersion: "triage.v2+1a2b3c4d" },
    ...overrides.verdict,
  };
  return { verdict, draft: draftEntry(verdict)! };
}

export const sourcesReport: SourcesReport = {
  window: { from: "2026-11-18T00:00:00.000Z", to: "2026-11-25T23:59:00.000Z" },
  sources: {
    arxiv: { status: "ok", requests: 3, retries: 0, pages: 2, papers: 41, queries: 2, notes: [] },
    openreview: { status: "unavailable", reason: "no OpenReview credentials (OPENREVIEW_USERNAME/PASSWORD)", requests: 0, retries: 0, pages: 0, papers: 0, notes: [] },
  },
  papers: 41,
  merged: 0,
};

/** The report of a scan whose arXiv search failed. */
export function withArxivFailed(reason: string): SourcesReport {
  return { ...sourcesReport, sources: { ...sourcesReport.sources, arxiv: { ...sourcesReport.sources.arxiv, status: "failed", reason } } };
}

/** A grouped proposal of the given papers, as a scan with the LLM would make it. */
export function grouped(papers: readonly ProposedPaper[], overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    mode: "grouped",
    papers,
    catalogPath: "README.md",
    provenance: {
      sources: sourcesReport,
      queries: ['(ti:"attention head" OR abs:"attention head") AND submittedDate:[202611180000 TO 202611252359]'],
      triage: { mode: "llm", model: "gpt-5.4-mini", promptVersion: "triage.v2+1a2b3c4d" },
      headscoutVersion: "0.1.0",
    },
    ...overrides,
  };
}

/** The YAML blocks of a body (their content), in order. */
export function yamlBlocks(body: string): string[] {
  return [...body.matchAll(/^(`{3,})yaml\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!);
}

/**
 * What a reader sees as running text: the body without code blocks, code spans, headscout's hidden
 * markers, its links to arXiv pages and the few tags it writes. Anything markup-like left came from a paper.
 */
export function runningText(body: string): string {
  return body
    .replace(/\]\(https:\/\/arxiv\.org\/abs\/[\w.]+\)/g, "]")
    .replace(/^(`{3,})[\s\S]*?^\1$/gm, "")
    .replace(/(`+)[^`]*?\1/g, "")
    .replace(/<!-- headscout:[^\n]*? -->/g, "")
    .replace(/<\/?(details|summary|strong)>/g, "");
}

/** HTML entities decoded and zero-width spaces dropped: the text as GitHub shows it. */
export function shownText(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\u200B/g, "");
}
