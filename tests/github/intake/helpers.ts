import nock from "nock";
import { createPaperLookup, type PaperLookup } from "../../../src/github/intake/find-paper.ts";
import { DEFAULT_INTAKE_FORM, type IntakeForm } from "../../../src/github/intake/form.ts";
import { createManualClock } from "../../../src/sources/http/clock.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { readSourceSettings } from "../../../src/sources/settings.ts";
import { renderArxivFeed } from "../../helpers/arxiv-feed.ts";
import { seenRequest } from "../../sources/helpers.ts";

export const ARXIV = "https://export.arxiv.org";
export const OPENREVIEW = "https://api2.openreview.net";
export const ATOM = { "Content-Type": "application/atom+xml; charset=utf-8" };

/** Answers by form label; a missing key is an empty answer. Checkboxes: the ticked options. */
export type Answers = Record<string, string | string[] | undefined>;

/**
 * An issue body as GitHub renders a submitted issue form: each field as `### <label>`, a blank line
 * and the answer; `_No response_` for an empty one; checkboxes as `- [X] option` / `- [ ] option`.
 * Markdown blocks of the form are not in the body.
 */
export function renderFormBody(answers: Answers, form: IntakeForm = DEFAULT_INTAKE_FORM): string {
  return form.fields
    .map((field) => {
      const answer = answers[field.label];
      if (field.type === "checkboxes") {
        const ticked = new Set(Array.isArray(answer) ? answer : []);
        return `### ${field.label}\n\n${(field.options ?? []).map((o) => `- [${ticked.has(o) ? "X" : " "}] ${o}`).join("\n")}`;
      }
      const text = Array.isArray(answer) ? answer.join("\n") : (answer ?? "");
      return `### ${field.label}\n\n${text.trim() ? text : "_No response_"}`;
    })
    .join("\n\n");
}

export const RETRIEVAL_HEAD: Paper = {
  ids: { arxiv: "2404.15574", arxivVersion: 1 },
  title: "Retrieval Head Mechanistically Explains Long-Context Factuality",
  abstract:
    "Despite the recent progress in long-context language models, it remains elusive how transformer-based models exhibit the capability to retrieve relevant information from arbitrary locations within the long context. This paper aims to address this question. Our systematic investigation across a wide spectrum of models reveals that a special type of attention heads are largely responsible for retrieving information, which we dub retrieval heads.",
  authors: ["Wenhao Wu", "Yizhong Wang", "Guangxuan Xiao", "Hao Peng", "Yao Fu"],
  published: "2024-04-24T17:59:59Z",
  categories: ["cs.CL"],
  links: { abstract: "https://arxiv.org/abs/2404.15574v1", pdf: "https://arxiv.org/pdf/2404.15574v1" },
  sources: ["arxiv"],
};

export const ITERATION_HEAD: Paper = {
  ids: { arxiv: "2406.02128", arxivVersion: 1 },
  title: "Iteration Head: A Mechanistic Study of Chain-of-Thought",
  abstract:
    'Chain-of-Thought (CoT) reasoning is known to improve Large Language Models both empirically and in terms of theoretical approximation power. However, our understanding of the inner workings and conditions of apparition of CoT capabilities remains limited. This paper helps fill this gap by demonstrating how CoT reasoning emerges in transformers in a controlled and interpretable setting. In particular, we observe the appearance of a specialized attention mechanism dedicated to iterative reasoning, which we coined "iteration heads". We track both the emergence and the precise working of these iteration heads down to the attention level, and measure the transferability of the CoT skills to which they give rise between tasks.',
  authors: ["Vivien Cabannes", "Charles Arnal", "Wassim Bouaziz", "Alice Yang", "Francois Charton", "Julia Kempe"],
  published: "2024-06-04T09:40:28Z",
  categories: ["cs.LG", "cs.AI"],
  links: { abstract: "https://arxiv.org/abs/2406.02128v1", pdf: "https://arxiv.org/pdf/2406.02128v1" },
  sources: ["arxiv"],
};

/** A paper whose title contains the other's words: what arXiv's phrase search also returns. */
export const ITERATION_HEAD_FOLLOW_UP: Paper = {
  ...ITERATION_HEAD,
  ids: { arxiv: "2411.01234", arxivVersion: 2 },
  title: "Iteration Head: A Mechanistic Study of Chain-of-Thought in Larger Models",
  authors: ["Ada Lovelace"],
  published: "2024-11-02T10:00:00Z",
};

/** The form answers a careful submitter gives for a paper. */
export function answersFor(paper: Paper, extra: Answers = {}): Answers {
  return {
    Title: paper.title,
    "Published Date": paper.published.slice(0, 10),
    Source: "arXiv",
    "Head Name": "Iteration Head",
    Summary: "- Innovation: iteration heads emerge for chain-of-thought.\n- Tasks: parity and polynomial iteration.\n- Significant Result: the skill transfers between tasks.",
    ...extra,
  };
}

/** Lookups against nock, on a manual clock (no test waits), with a short retry budget. */
export function testLookup(env: Record<string, string | undefined> = {}): PaperLookup {
  return createPaperLookup(readSourceSettings(env), {
    clock: createManualClock(Date.parse("2026-06-03T12:00:00Z")),
    random: () => 0.5,
    retry: { maxTotalMs: 30_000, baseDelayMs: 5_000, maxDelayMs: 10_000 },
  });
}

export interface SeenQuery {
  search_query?: string;
  id_list?: string;
}

/** arXiv answers `papers` to requests matching `match`, recording each query. */
export function arxivAnswers(papers: readonly Paper[], seen: SeenQuery[] = [], match: (q: SeenQuery) => boolean = () => true) {
  return nock(ARXIV)
    .get("/api/query")
    .query((q) => match(q as SeenQuery))
    .reply((arg: unknown) => {
      const query = Object.fromEntries(seenRequest(arg, ARXIV).url.searchParams);
      seen.push(query);
      return [200, renderArxivFeed(papers), ATOM];
    });
}

export const byTitle = (q: SeenQuery) => !!q.search_query && !q.id_list;
export const byIds = (q: SeenQuery) => !!q.id_list;
