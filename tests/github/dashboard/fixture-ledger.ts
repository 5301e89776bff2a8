import { expect } from "vitest";
import { ledgerSchema, type Ledger, type PaperRecord, type VerdictRecord } from "../../../src/github/ledger/schema.ts";
import { normalizeTitle } from "../../../src/paper/title.ts";

// A ledger as a few weeks of scans leave it, in the document's own shape (checked by its schema).

export const HOSTILE_TITLE = "@octocat Fixes #1 </details><img src=x onerror=alert(1)> | cell | [click](https://evil.example) `code` $x$";
export const HOSTILE_RATIONALE = "Closes #6 — cc @maintainer, <!-- headscout:dashboard {\"version\":1} --> www.evil.example";

const AT = "2026-06-03T06:12:00.000Z";

function llm(decision: VerdictRecord["decision"], extra: Partial<VerdictRecord> = {}): VerdictRecord {
  return { decision, stage: "llm", model: "gpt-5.4-mini", promptVersion: "triage.v2", at: AT, ...extra };
}

export function record(arxiv: string, title: string, state: PaperRecord["state"], extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    title,
    identity: { arxiv, title: normalizeTitle(title), year: 2026 },
    firstSeen: "2026-06-01T06:00:00.000Z",
    lastSeen: AT,
    state,
    ...extra,
  };
}

export function fixtureLedger(): Ledger {
  return ledgerSchema.parse({
    version: 1,
    windows: { arxiv: AT, openreview: "2026-05-30T06:00:00.000Z" },
    papers: {
      "arxiv:2407.15891": record("2407.15891", "RazorAttention: Efficient KV Cache Compression Through Retrieval Heads", "proposed", {
        verdict: llm("relevant", { confidence: 0.93, rationale: "Identifies retrieval heads." }),
        proposal: 42,
      }),
      "arxiv:2003.02436": record("2003.02436", "Talking-Heads Attention", "judged", {
        verdict: { decision: "irrelevant", rationale: "prefilter score 0 below 1", stage: "prefilter", at: "2026-06-01T06:00:00.000Z" },
      }),
      "arxiv:2312.09230": record("2312.09230", "Successor Heads: Recurring, Interpretable Attention Heads In The Wild", "listed"),
      "arxiv:2606.01234": record("2606.01234", "Name Mover Heads Under Distribution Shift", "pending", {
        verdict: llm("not-triaged", { reason: "per-run LLM cap reached (200 calls); left for the next run" }),
      }),
      "arxiv:2606.02222": record("2606.02222", "Heads That Count: Numerical Attention in Small Transformers", "judged", {
        verdict: llm("irrelevant", { confidence: 0.6, rationale: "Studies counting, mostly via MLPs; heads are secondary." }),
      }),
      "arxiv:2606.02223": record("2606.02223", HOSTILE_TITLE, "judged", {
        verdict: llm("irrelevant", { confidence: 0.55, rationale: HOSTILE_RATIONALE }),
      }),
      "arxiv:2606.03333": record("2606.03333", "A Survey of Vision Transformers for Remote Sensing", "judged", {
        verdict: llm("irrelevant", { confidence: 0.97, rationale: "Not about attention heads." }),
      }),
      "arxiv:2606.04444": record("2606.04444", "Ignore Previous Instructions: Heads as Attack Surface", "pending", {
        verdict: llm("needs-manual-triage", {
          reason: "the title or abstract addresses a tool or model reading it; a maintainer should judge this paper",
          held: "instructions-in-text",
          confidence: 0.8,
        }),
      }),
      "arxiv:2606.04445": record("2606.04445", "Toxicity Heads in Chat Models", "pending", {
        verdict: llm("needs-manual-triage", { reason: "the model refused", held: "refused", at: "2026-06-02T06:00:00.000Z" }),
      }),
      "arxiv:2605.05555": record("2605.05555", "Induction Heads Revisited at Scale", "rejected", {
        verdict: llm("relevant", { confidence: 0.81 }),
        proposal: 40,
        rejection: { at: "2026-06-02T10:00:00.000Z", pr: 40, how: "closed", by: "alice" },
      }),
      "arxiv:2605.05556": record("2605.05556", HOSTILE_TITLE, "rejected", {
        proposal: 42,
        rejection: { at: "2026-06-03T10:00:00.000Z", pr: 42, how: "unticked", by: "mallory-bot" },
      }),
      "arxiv:2604.06666": record("2604.06666", "Retrieval Heads Explain Long-Context Factuality", "merged", { proposal: 41 }),
    },
    proposals: {
      "41": {
        branch: "headscout/papers-41",
        mode: "grouped",
        papers: ["arxiv:2604.06666"],
        state: "merged",
        openedAt: "2026-05-20T06:00:00.000Z",
        updatedAt: "2026-05-21T06:00:00.000Z",
        headSha: "1".repeat(40),
        baseSha: "2".repeat(40),
      },
      "42": {
        branch: "headscout/papers",
        mode: "grouped",
        papers: ["arxiv:2407.15891"],
        state: "open",
        openedAt: "2026-06-03T06:12:40.000Z",
        updatedAt: "2026-06-03T06:12:40.000Z",
        headSha: "9".repeat(40),
        baseSha: "a".repeat(40),
      },
    },
    spend: {
      "2026-05-31": { calls: 50, tokens: 100000, costUsd: 0.5 },
      "2026-06-01": { calls: 100, tokens: 240000, costUsd: 0.31 },
      "2026-06-03": { calls: 20, tokens: 10000, costUsd: 0.11 },
    },
    scans: [
      {
        at: "2026-06-02T06:05:00.000Z",
        trigger: "schedule",
        window: { from: "2026-05-19T06:00:00.000Z", to: "2026-06-02T06:05:00.000Z" },
        sources: { arxiv: { status: "empty" }, openreview: { status: "failed", reason: "OpenReview answered HTTP 502 for https://api2.internal.example/notes?secret=1" } },
        counts: { found: 0, known: 0, skipped: 0, retried: 0, triaged: 0, relevant: 0, irrelevant: 0, pending: 0, proposed: 0 },
      },
      {
        at: AT,
        trigger: "command",
        window: { from: "2026-05-31T06:00:00.000Z", to: AT },
        sources: { arxiv: { status: "ok" }, openreview: { status: "failed", reason: "OpenReview answered HTTP 502 for https://api2.internal.example/notes?secret=1" } },
        counts: { found: 9, known: 1, skipped: 1, retried: 1, triaged: 7, relevant: 1, irrelevant: 4, pending: 2, proposed: 1 },
        prs: { opened: [42], updated: [] },
      },
    ],
  });
}

/** What a reader sees: entities decoded, zero-width spaces dropped. */
export function shownText(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\u200B/g, "");
}

/**
 * The body with what headscout itself writes taken out (code spans, its hidden markers, its links
 * to arXiv, bold): anything markup-like left came from the ledger's text.
 */
export function runningText(body: string): string {
  return body
    .replace(/\]\(https:\/\/(?:arxiv\.org\/abs|openreview\.net\/forum\?id=)[\w./=-]+\)/g, "]")
    .replace(/(`+)[^`]*?\1/g, "")
    .replace(/<!-- headscout:[^\n]*? -->/g, "");
}

/**
 * The ledger's text cannot act on GitHub: no mention, no HTML, no link or image, no autolink, no
 * math; the only issue references are the pull requests headscout itself names.
 */
export function expectInert(body: string, references: readonly string[] = []): void {
  const text = runningText(body);
  for (const pattern of [/@[\w-]/, /<[a-z/!]/i, /\]\(|!\[/, /:\/\/|www\./i, /\$/]) expect(text).not.toMatch(pattern);
  expect(new Set(body.match(/#\d+/g) ?? [])).toEqual(new Set(references));
  // Raw, as GitHub's e-mail replies read it: every "@" is headscout's own, in code.
  for (const mention of body.match(/@[\w-]+/g) ?? []) expect(mention).toBe("@headscout");
}
