import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../../src/catalog/parse.ts";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import { intakeIssue, type IntakeDeps, type IntakeIssue } from "../../../src/github/intake/intake-issue.ts";
import { IntakeLimiter } from "../../../src/github/intake/limiter.ts";
import { renderClosesLine } from "../../../src/github/intake/texts.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { renderProposalBody } from "../../../src/github/proposal/index.ts";
import { projectRoot } from "../../helpers/shared.ts";
import { grouped, runningText } from "../proposal/make-paper.ts";
import { answersFor, ARXIV, arxivAnswers, byTitle, ITERATION_HEAD, RETRIEVAL_HEAD, renderFormBody, testLookup, type Answers } from "./helpers.ts";

const registry = loadHeadRegistry();
const catalog = parseCatalog(readFileSync(join(projectRoot, "tests", "fixtures", "catalogs", "html.md"), "utf8"), { registry });

function deps(extra: Partial<IntakeDeps> = {}): IntakeDeps {
  return { repo: "o/r", catalog, ledger: emptyLedger(), registry, lookup: testLookup(), limiter: new IntakeLimiter({ now: () => Date.parse("2026-06-03T12:00:00Z") }), ...extra };
}

/** An issue as the `issues.opened` payload has it, opened with the form. */
function issue(answers: Answers, extra: Partial<IntakeIssue> = {}): IntakeIssue {
  return {
    number: 31,
    title: "Add new paper: ",
    body: renderFormBody(answers),
    author: { login: "octo-reader", type: "User" },
    labels: [{ name: "add-new-paper" }],
    ...extra,
  };
}

describe("intakeIssue", () => {
  it("turns a well-formed submission into a proposal that closes the issue, and a reply that links it", async () => {
    arxivAnswers([ITERATION_HEAD], [], byTitle);
    const outcome = await intakeIssue(issue(answersFor(ITERATION_HEAD, { "Head Name": "iteration heads, Loop Head" })), deps());
    expect(outcome.kind).toBe("ready");
    if (outcome.kind !== "ready") return;
    expect(outcome.proposed.draft.entry).toMatchObject({ date: "2024-06-04", title: ITERATION_HEAD.title, tags: ["Iteration Head"] });
    expect(outcome.proposed.verdict.newHeadTypes.map((t) => t.name)).toEqual(["Loop Head"]);
    expect(outcome.closes).toBe(renderClosesLine(31));
    expect(outcome.closes).toBe('Closes #31 (submitted with the "Add new paper" issue form).');
    expect(outcome.replyFor(57)).toBe(
      [
        "Thanks for the submission! I found the paper, [“Iteration Head: A Mechanistic Study of Chain-of-Thought”](https://arxiv.org/abs/2406.02128) (arXiv 2406.02128), and proposed its entry in #57. A maintainer reviews it there; this issue closes when that pull request is merged.",
        "",
        "- “Loop Head” is not one of the catalog's head types yet: it is proposed as a new one, for a maintainer to accept.",
      ].join("\n"),
    );
    // What the pull request machinery renders of it stays inert.
    const body = renderProposalBody(grouped([outcome.proposed])).body;
    expect(runningText(body)).not.toMatch(/@[\w-]/);
  });

  it("answers a form missing fields with what is missing", async () => {
    const outcome = await intakeIssue(issue(answersFor(ITERATION_HEAD, { "Published Date": "someday", "Head Name": "" })), deps());
    expect(outcome).toMatchObject({ kind: "invalid", problems: [{ field: "Published Date" }, { field: "Head Name" }] });
    expect(outcome.kind === "invalid" && outcome.reply).toMatch(/^Thanks for the submission! Some answers are missing or could not be read:\n\n- \*\*Published Date\*\*: “someday” under/);
  });

  it("answers a paper it cannot find, naming what it searched", async () => {
    arxivAnswers([], [], byTitle);
    const outcome = await intakeIssue(issue(answersFor(ITERATION_HEAD, { Title: "A Paper That Does Not Exist Anywhere At All" })), deps());
    expect(outcome.kind).toBe("not-found");
    expect(outcome.kind === "not-found" && outcome.reply).toBe(
      [
        "I could not find this paper: arXiv has no paper with this title.",
        "",
        "I searched:",
        "",
        '- arXiv for the title (search_query ti:"A Paper That Does Not Exist Anywhere At All")',
        "",
        "Please check the title against the paper (copy it exactly), or add the paper's arXiv or OpenReview link to any field, then edit the issue: I will look again.",
      ].join("\n"),
    );
  });

  it("answers a duplicate with where the paper already is", async () => {
    arxivAnswers([RETRIEVAL_HEAD], [], byTitle);
    const outcome = await intakeIssue(issue(answersFor(RETRIEVAL_HEAD, { "Head Name": "Retrieval Head" })), deps({ reply: { catalogPath: "README.md" } }));
    expect(outcome).toMatchObject({ kind: "duplicate", check: { kind: "listed", line: 32 } });
    expect(outcome.kind === "duplicate" && outcome.reply).toContain("is already in the catalog");
  });

  it("answers clearly when arXiv is down, and proposes nothing", async () => {
    nock(ARXIV).get("/api/query").query(true).times(10).reply(503, "<html>Service Unavailable @octocat</html>");
    const outcome = await intakeIssue(issue(answersFor(ITERATION_HEAD)), deps());
    expect(outcome.kind).toBe("lookup-failed");
    if (outcome.kind !== "lookup-failed") return;
    expect(outcome.reason).toMatch(/^arXiv kept failing \(HTTP 503\)/);
    expect(outcome.reply).toMatch(/^I could not look this paper up just now, so nothing was proposed yet\./);
    expect(outcome.reply).not.toMatch(/@\w|<html/);
  });

  it("ignores issues without the form's label and issues opened by bots", async () => {
    expect(await intakeIssue(issue(answersFor(ITERATION_HEAD), { labels: ["bug"] }), deps())).toEqual({ kind: "ignored", reason: "not labelled add-new-paper" });
    expect(await intakeIssue(issue(answersFor(ITERATION_HEAD), { author: { login: "renovate[bot]", type: "Bot" } }), deps())).toEqual({ kind: "ignored", reason: "opened by a bot" });
  });

  it("rate limits outsiders per repository, telling each submitter once; maintainers are not limited", async () => {
    const limiter = new IntakeLimiter({ perHour: 1, now: () => Date.parse("2026-06-03T12:00:00Z") });
    const d = deps({ limiter });
    expect((await intakeIssue(issue({}, { number: 1 }), d)).kind).toBe("invalid");
    const limited = await intakeIssue(issue({}, { number: 2 }), d);
    expect(limited).toMatchObject({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:00:00Z") });
    expect(limited.kind === "rate-limited" && limited.reply).toMatch(/\(1 an hour\), so this one was not looked up\. Edit the issue after 13:00 UTC/);
    expect(await intakeIssue(issue({}, { number: 3 }), d)).toEqual({ kind: "rate-limited", retryAt: new Date("2026-06-03T13:00:00Z") });
    expect((await intakeIssue(issue({}, { number: 4 }), { ...d, authorCanWrite: true })).kind).toBe("invalid");
  });

  it("gives a submitter's repeated issues for one paper one answer, and opens no second proposal", async () => {
    const d = deps();
    arxivAnswers([RETRIEVAL_HEAD], [], byTitle);
    expect((await intakeIssue(issue(answersFor(RETRIEVAL_HEAD), { number: 1 }), d)).kind).toBe("duplicate");
    arxivAnswers([RETRIEVAL_HEAD], [], byTitle);
    expect(await intakeIssue(issue(answersFor(RETRIEVAL_HEAD), { number: 2 }), d)).toEqual({ kind: "repeat", outcome: "duplicate" });

    arxivAnswers([ITERATION_HEAD], [], byTitle);
    expect((await intakeIssue(issue(answersFor(ITERATION_HEAD), { number: 3 }), d)).kind).toBe("ready");
    // Filed again before the first pull request reached the ledger, with the link instead of the title.
    arxivAnswers([ITERATION_HEAD], [], (q) => q.id_list === "2406.02128");
    expect(await intakeIssue(issue(answersFor(ITERATION_HEAD, { Title: "https://arxiv.org/abs/2406.02128" }), { number: 4 }), d)).toEqual({ kind: "repeat", outcome: "proposed" });
  });
});
