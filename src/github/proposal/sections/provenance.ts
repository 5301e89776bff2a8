import { describeJudge } from "../describe-paper.ts";
import { describeSource, describeWindow, sourceEntries, sourceLabel } from "../describe-source.ts";
import { escapeForGitHub, fencedBlock } from "../escape.ts";
import type { ProposalProvenance } from "../types.ts";

// arXiv queries are at most 1,000 characters; a few dozen are plenty for a reviewer.
const MAX_QUERIES = 20;

function renderQueries(queries: readonly string[]): string[] {
  if (queries.length === 0) return [];
  const shown = queries.slice(0, MAX_QUERIES);
  const more = queries.length > shown.length ? `\n… and ${queries.length - shown.length} more` : "";
  return ["", `<details><summary>Search queries (${queries.length})</summary>`, "", fencedBlock(shown.join("\n") + more, "text"), "", "</details>"];
}

/** Where the papers came from (window, each source's outcome, queries) and who judged them. */
export function renderProvenance(provenance: ProposalProvenance): string {
  const { sources } = provenance;
  const lines = ["### Provenance", ""];
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
