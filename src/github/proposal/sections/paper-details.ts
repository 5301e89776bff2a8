import { shortenAbstract } from "../abstract.ts";
import { describeJudge, paperLabel } from "../describe-paper.ts";
import { codeSpan, escapeForGitHub } from "../escape.ts";
import type { DetailLevel, ProposedPaper } from "../types.ts";
import { renderEntryYaml } from "./entry-yaml.ts";

function quote(text: string): string {
  return `“${escapeForGitHub(text)}”`;
}

/** A bold heading and its bullet list, or nothing when the list is empty. */
function list(heading: string, items: readonly string[]): string[] {
  return items.length ? [`**${heading}**`, "", ...items.map((item) => `- ${item}`), ""] : [];
}

function abstractLines(abstract: string, level: DetailLevel): string[] {
  if (level === "no-abstract" || !abstract.trim()) return [];
  return [`> ${escapeForGitHub(level === "full" ? abstract : shortenAbstract(abstract))}`, ""];
}

// Triage also lists dropped tags and proposed head types among the flags; they have sections of their own here.
const SHOWN_ELSEWHERE = /^\d+ tag\(s\) dropped:|^new head type\(s\) proposed/;

/** Who judged the paper: the LLM, the offline classifier, or no one (a reader's submission). */
function judgedBy(provenance: ProposedPaper["verdict"]["provenance"]): string {
  if (provenance.stage === "submission") {
    return provenance.model
      ? `Submitted with the issue form; also read by ${describeJudge(true, provenance)} (its verdict is under "Please check"); the summary and head names are the submitter's.`
      : "Submitted with the issue form: not judged by headscout (no LLM, no classifier); the summary and head names are the submitter's.";
  }
  return `Judged by ${describeJudge(provenance.stage === "llm", provenance)}${provenance.cached ? " (answer from the cache)" : ""}.`;
}

/**
 * One paper's collapsible section: the abstract, why it belongs, the evidence for each tag, what
 * was left out and why, what needs a look, and the entry as YAML. The YAML block is never cut;
 * a caller rendering several levels passes it in, rendered once.
 */
export function renderPaperDetails({ draft, verdict }: ProposedPaper, level: DetailLevel, entryYaml = renderEntryYaml(draft.entry)): string {
  const lines = [
    "<details>",
    `<summary><strong>${escapeForGitHub(draft.entry.title)}</strong> (${paperLabel({ draft, verdict })})</summary>`,
    "",
    ...abstractLines(verdict.paper.abstract, level),
    ...(verdict.rationale ? [`**${verdict.decision === "relevant" ? "Why it belongs" : "Why triage would have left it out"}:** ${escapeForGitHub(verdict.rationale)}`, ""] : []),
    ...list("Tags and their evidence", verdict.tags.map((t) => `${escapeForGitHub(t.name)}: ${quote(t.evidence)}`)),
    ...list(
      "Suggested tags, left out of the entry",
      verdict.droppedTags.map((t) => `${escapeForGitHub(t.name)}: ${escapeForGitHub(t.reason)}${t.evidence ? ` (${quote(t.evidence)})` : ""}`),
    ),
    ...list(
      "New head types: proposals for `data/heads.json`, not in the entry",
      verdict.newHeadTypes.map((t) => `${escapeForGitHub(t.name)}: ${quote(t.evidence)}`),
    ),
    ...list("Please check", draft.flags.filter((f) => !SHOWN_ELSEWHERE.test(f)).map(escapeForGitHub)),
    `${judgedBy(verdict.provenance)} Paper id: ${codeSpan(draft.key)}.`,
    "",
    entryYaml,
    "",
    "</details>",
  ];
  return lines.join("\n");
}
