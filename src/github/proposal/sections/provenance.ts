import { describeJudge } from "../describe-paper.ts";
import { describeSource, describeWindow, sourceEntries, sourceLabel } from "../describe-source.ts";
import { codeSpan, escapeForGitHub, fencedBlock } from "../escape.ts";
import type { ProposalProvenance } from "../types.ts";

// arXiv queries are at most 1,000 characters; a few dozen are plenty for a reviewer.
const MAX_QUERIES = 20;

function renderQueries(queries: readonly string[]): string[] {
  if (queries.length === 0) return [];
  const shown = queries.slice(0, MAX_QUERIES);
  const more = queries.length > shown.length ? `\n… and ${queries.length - shown.length} more` : "";
  return ["", `<details><summary>Search queries (${queries.length})</summary>`, "", fencedBlock(shown.join("\n") + more, "text"), "", "</details>"];
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** A GitHub login as plain text (no mention: the submitter is notified on the issue, not here). */
function submitterMention(login: string): string {
  return LOGIN.test(login) ? codeSpan(login) : "a submitter";
}

/** Where the papers came from (window, each source's outcome, queries) and who judged them. */
export function renderProvenance(provenance: ProposalProvenance): string {
  const { sources } = provenance;
  const lines = ["### Provenance", ""];
  if (provenance.submission) {
    const { issue, login } = provenance.submission;
    lines.push(`- Paper: submitted with the issue form in #${Math.trunc(issue)} by ${submitterMention(login)}, then looked up on arXiv/OpenReview (title, date, links and ids are the source's)`);
    const read = provenance.triage.mode === "llm" ? `; also read by ${describeJudge(true, provenance.triage)}, proposed whatever it said` : "; headscout did not judge the paper";
    lines.push(`- Summary and head names: the submitter's (sanitised), checked by the tag rule${read}`, `- headscout ${escapeForGitHub(provenance.headscoutVersion)}`);
    return lines.join("\n");
  }
  if (sources) {
    lines.push(`- Window: ${describeWindow(sources)}`);
    for (const [name, report] of sourceEntries(sources)) {
      const missing = report.status === "failed" ? ` Papers only ${sourceLabel(name)} lists may be missing from this pull request.` : "";
      lines.push(`- ${describeSource(name, report)}${missing}`);
    }
  } else {
    lines.push("- Papers: read from a file, not searched");
  }
  lines.push(`- Triage: ${describeJudge(provenance.triage.mode === "llm", provenance.triage)}`, `- headscout ${escapeForGitHub(provenance.headscoutVersion)}`);
  lines.push(...renderQueries(provenance.queries));
  return lines.join("\n");
}
