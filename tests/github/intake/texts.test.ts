import { describe, expect, it } from "vitest";
import { parseIntakeIssue } from "../../../src/github/intake/parse-issue.ts";
import {
  renderLookupFailedReply,
  renderMissingFieldsReply,
  renderNotFoundReply,
  renderProposedReply,
  renderRateLimitedReply,
} from "../../../src/github/intake/texts.ts";
import { shownText } from "../proposal/make-paper.ts";
import { answersFor, ITERATION_HEAD, renderFormBody } from "./helpers.ts";

const HOSTILE = "@octocat Fixes #1 owner/repo#2 GH-3 <img src=x onerror=alert(1)> [x](https://evil.example) https://evil.example/y `code` | pipe";
const hostilePaper = { ...ITERATION_HEAD, title: HOSTILE };

/** The comment's own links, headscout's PR reference and code spans taken out: what is left must be inert. */
function inert(reply: string, own: { pr?: number } = {}): void {
  const text = reply
    .replace(/\]\(https:\/\/arxiv\.org\/abs\/[\d.]+\)/g, "]")
    .replace(own.pr ? new RegExp(`#${own.pr}\\b`, "g") : /$^/, "")
    .replace(/`### Title`/g, "");
  expect(text).not.toMatch(/@[\w-]/);
  expect(text).not.toMatch(/#\d/);
  expect(text).not.toMatch(/GH-\d/i);
  expect(text).not.toMatch(/<[a-z/!]/i);
  expect(text).not.toMatch(/\]\(|!\[/);
  expect(text).not.toMatch(/:\/\/|www\./i);
  expect(text).not.toMatch(/`/);
}

describe("the replies to a submission", () => {
  it("missing fields: quotes the submitter's answer, inert", () => {
    const parsed = parseIntakeIssue(renderFormBody(answersFor(ITERATION_HEAD, { "Published Date": HOSTILE, "Head Name": "" })));
    expect(parsed.ok).toBe(false);
    const reply = renderMissingFieldsReply(parsed.ok ? [] : parsed.problems);
    inert(reply);
    expect(shownText(reply)).toContain("“@octocat Fixes #1 owner/repo#2 GH-3 x code | pipe” under “Published Date” is not a date I can read");
    expect(reply).toContain("- **Head Name**: “Head Name” is empty: please give the kind of attention head the paper is about, such as Retrieval Head.");
  });

  it("not found: what was searched and the closest titles, inert", () => {
    const reply = renderNotFoundReply({ searched: [`arXiv for the title (search_query ti:"${HOSTILE}")`], reason: "arXiv has no paper with this title", candidates: [hostilePaper] });
    inert(reply);
    expect(reply).toContain("The closest papers arXiv returned:\n\n- [“");
    expect(reply).toContain("](https://arxiv.org/abs/2406.02128) (arXiv 2406.02128)");
  });

  it("lookup failed: the service's error quoted, inert", () => {
    const reply = renderLookupFailedReply({ reason: `arXiv answered HTTP 500: ${HOSTILE}` });
    inert(reply);
    expect(reply).toContain("This is on headscout's side, not yours.");
  });

  it("proposed: links the pull request, the rest inert", () => {
    const reply = renderProposedReply({ number: 57, paper: hostilePaper, notes: [`The title given (“${HOSTILE}”) differs`] });
    inert(reply, { pr: 57 });
    expect(reply).toContain("and proposed its entry in #57.");
  });

  it("rate limited: says until when, in UTC", () => {
    expect(renderRateLimitedReply({ retryAt: new Date("2026-06-03T13:05:00Z"), perHour: 10 })).toBe(
      "Thanks for the submission! This repository received more paper submissions in the last hour than headscout takes (10 an hour), so this one was not looked up. Edit the issue after 13:05 UTC and I will look again; a maintainer can also add the paper by hand.",
    );
  });
});
