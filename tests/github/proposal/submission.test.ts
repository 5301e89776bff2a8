import { describe, expect, it } from "vitest";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import { proposeSubmission } from "../../../src/github/intake/draft.ts";
import { renderProposalBody, type ProposalInput } from "../../../src/github/proposal/index.ts";
import { renderClosesLine } from "../../../src/github/proposal/sections/closes.ts";
import { ITERATION_HEAD } from "../intake/helpers.ts";

const registry = loadHeadRegistry();
const submitted = proposeSubmission(ITERATION_HEAD, { headNames: ["Iteration Head"], summary: ["Iteration heads emerge for chain-of-thought."] }, registry, { login: "reader", issue: 31 });

function input(login = "reader", issue = 31): ProposalInput {
  return {
    mode: "per-paper",
    papers: [submitted],
    catalogPath: "README.md",
    provenance: { queries: [], triage: { mode: "offline" }, headscoutVersion: "0.1.0", submission: { issue, login } },
  };
}

describe("a submission's pull request body", () => {
  it("closes the issue with a trusted line and says the entry came from the form, not from the offline classifier", () => {
    const { body } = renderProposalBody(input());
    expect(body).toContain(`\n\n${renderClosesLine(31)}\n\n`);
    expect(renderClosesLine(31)).toBe('Closes #31 (submitted with the "Add new paper" issue form).');
    expect(body).toContain("A reader submitted this paper with the \"Add new paper\" issue form");
    expect(body).toContain("- Paper: submitted with the issue form in #31 by `reader`");
    expect(body).toContain("Submitted with the issue form: not judged by headscout");
    expect(body).toContain("| issue-form submission — check tags and summary |");
    expect(body).not.toMatch(/offline classifier|Judged by|read from a file/);
  });

  it("mentions no one and closes nothing else: the login is a code span, an odd one is not repeated", () => {
    expect(renderProposalBody(input()).body).not.toMatch(/(^|\s)@reader/);
    expect(renderProposalBody(input("x y @everyone")).body).toContain("by a submitter");
    expect(() => renderProposalBody(input("reader", 0))).toThrow(/not an issue number/);
    expect(() => renderClosesLine(1.5)).toThrow(/not an issue number/);
  });
});
