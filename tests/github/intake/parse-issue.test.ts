import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_INTAKE_FORM, INTAKE_FIELDS, readIntakeForm } from "../../../src/github/intake/form.ts";
import { parseIntakeIssue, splitHeadNames, summaryItems } from "../../../src/github/intake/parse-issue.ts";
import { parseSubmittedDate } from "../../../src/github/intake/submitted-date.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../../helpers/shared.ts";
import { answersFor, ITERATION_HEAD, renderFormBody } from "./helpers.ts";

const wellFormed = renderFormBody(answersFor(ITERATION_HEAD));

describe("the catalog's real issue form", () => {
  it.skipIf(!hasShared)(`has the labels and ids the built-in copy names (${hasShared ? "../shared present" : sharedMissingReason})`, () => {
    const form = readIntakeForm(readFileSync(sharedPath("catalog-history", "add-new-paper.issue-form.yml"), "utf8"), "add-new-paper.issue-form.yml");
    expect(form.name).toBe(DEFAULT_INTAKE_FORM.name);
    expect(form.labels).toEqual(DEFAULT_INTAKE_FORM.labels);
    expect(form.titlePrefix).toBe(DEFAULT_INTAKE_FORM.titlePrefix);
    expect(form.fields).toEqual(DEFAULT_INTAKE_FORM.fields);
    for (const [name, { id, label }] of Object.entries(INTAKE_FIELDS)) expect(form.roles[name as keyof typeof INTAKE_FIELDS]).toMatchObject({ id, label });
  });

  it.skipIf(!hasShared)("reads a body rendered from the real form file", () => {
    const yaml = readFileSync(sharedPath("catalog-history", "add-new-paper.issue-form.yml"), "utf8");
    const form = readIntakeForm(yaml);
    const parsed = parseIntakeIssue(renderFormBody(answersFor(ITERATION_HEAD), form), yaml);
    expect(parsed).toMatchObject({ ok: true, submission: { title: ITERATION_HEAD.title, published: "2024-06-04", headNames: ["Iteration Head"] } });
  });
});

describe("parseIntakeIssue", () => {
  it("reads every field of a well-formed submission", () => {
    expect(parseIntakeIssue(wellFormed)).toEqual({
      ok: true,
      notes: [],
      submission: {
        title: "Iteration Head: A Mechanistic Study of Chain-of-Thought",
        published: "2024-06-04",
        source: "arXiv",
        headNames: ["Iteration Head"],
        summary: [
          "Innovation: iteration heads emerge for chain-of-thought.",
          "Tasks: parity and polynomial iteration.",
          "Significant Result: the skill transfers between tasks.",
        ],
        links: [],
      },
    });
  });

  const cases: { name: string; body: string; expect: Record<string, unknown> }[] = [
    { name: "CRLF line ends", body: wellFormed.replace(/\n/g, "\r\n"), expect: { title: ITERATION_HEAD.title, published: "2024-06-04", headNames: ["Iteration Head"] } },
    {
      name: "extra white space and a trailing colon on headings",
      body: wellFormed.replace("### Title\n\n", "###   title:   \n\n\n   ").replace("### Head Name", "##  HEAD NAME ##"),
      expect: { title: ITERATION_HEAD.title, headNames: ["Iteration Head"] },
    },
    {
      name: "bold labels instead of headings",
      body: wellFormed.replace(/^### (.+)$/gm, "**$1**"),
      expect: { title: ITERATION_HEAD.title, source: "arXiv" },
    },
    {
      name: "a body rewritten as Label: value lines",
      body: "Title: Iteration Head: A Mechanistic Study of Chain-of-Thought\nPublished Date: 4 June 2024\nSource: arXiv\nHead Name: iteration heads\n",
      expect: { title: ITERATION_HEAD.title, published: "2024-06-04", headNames: ["iteration heads"], summary: [] },
    },
    {
      name: "text before the first heading, a comment and a byte-order mark",
      body: `\uFEFFHi! Please add this one.\n\n<!-- the form -->\n${wellFormed}`,
      expect: { title: ITERATION_HEAD.title },
    },
    {
      name: "a title pasted as a link with emphasis and quotes",
      body: renderFormBody(answersFor(ITERATION_HEAD, { Title: `**“[${ITERATION_HEAD.title}](https://arxiv.org/abs/2406.02128v1)”**` })),
      expect: { title: ITERATION_HEAD.title, links: [{ url: "https://arxiv.org/abs/2406.02128v1", field: "Title", arxiv: "2406.02128" }] },
    },
    {
      name: "a heading repeated further down: the first non-empty answer wins",
      body: `${renderFormBody(answersFor(ITERATION_HEAD, { Title: "" }))}\n\n### Title\n\n${ITERATION_HEAD.title}`,
      expect: { title: ITERATION_HEAD.title },
    },
    {
      name: "a markdown heading inside the summary stays in the summary",
      body: renderFormBody(answersFor(ITERATION_HEAD, { Summary: "#### Key idea\n\nIteration heads.\n\n```\n### Title\n```" })),
      expect: { title: ITERATION_HEAD.title, summary: ["#### Key idea", "Iteration heads.", "``` ### Title ```"] },
    },
    {
      name: "links in any field, bare arXiv ids and an OpenReview forum",
      body: renderFormBody(
        answersFor(ITERATION_HEAD, {
          Source: "arXiv:2406.02128v1, also openreview.net/forum?id=Sx7QkR2mPa.",
          Summary: "- see https://arxiv.org/pdf/2406.02128v2.pdf and the code https://github.com/example/iteration-head",
        }),
      ),
      expect: {
        links: [
          { url: "https://arxiv.org/abs/2406.02128v1", field: "Source", arxiv: "2406.02128" },
          { url: "https://openreview.net/forum?id=Sx7QkR2mPa", field: "Source", openreview: "Sx7QkR2mPa" },
          { url: "https://github.com/example/iteration-head", field: "Summary" },
        ],
      },
    },
    {
      name: "several head names",
      body: renderFormBody(answersFor(ITERATION_HEAD, { "Head Name": "Retrieval Heads, induction head and Name Mover Head; N/A" })),
      expect: { headNames: ["Retrieval Heads", "induction head", "Name Mover Head"] },
    },
    {
      name: "the placeholder's empty bullets are dropped",
      body: renderFormBody(answersFor(ITERATION_HEAD, { Summary: "- Innovation: \n- Tasks: \n- Significant Result: heads transfer." })),
      expect: { summary: ["Significant Result: heads transfer."] },
    },
    {
      name: "an empty optional summary",
      body: renderFormBody(answersFor(ITERATION_HEAD, { Summary: "" })),
      expect: { summary: [] },
    },
  ];
  it.each(cases)("reads $name", ({ body, expect: wanted }) => {
    const parsed = parseIntakeIssue(body);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    expect(parsed.submission).toMatchObject(wanted);
  });

  const problems: { name: string; body: string; issueTitle?: string; problems: { field: string; kind: string; message: RegExp }[] }[] = [
    {
      name: "an empty required field left as _No response_",
      body: renderFormBody(answersFor(ITERATION_HEAD, { "Head Name": "" })),
      problems: [{ field: "Head Name", kind: "missing", message: /^“Head Name” is empty: please give the kind of attention head/ }],
    },
    {
      name: "a heading edited away",
      body: wellFormed.replace(/### Source\n\narXiv\n\n/, ""),
      problems: [{ field: "Source", kind: "missing", message: /^There is no “Source” section \(its heading may have been edited away\)/ }],
    },
    {
      name: "no title and no link",
      body: renderFormBody(answersFor(ITERATION_HEAD, { Title: "" })),
      problems: [{ field: "Title", kind: "missing", message: /title as the paper writes it \(or its arXiv or OpenReview link\)/ }],
    },
    {
      name: "a date that is not one",
      body: renderFormBody(answersFor(ITERATION_HEAD, { "Published Date": "next week" })),
      problems: [{ field: "Published Date", kind: "malformed", message: /^“next week” under “Published Date” is not a date I can read: please write it as YYYY-MM-DD/ }],
    },
    {
      name: "a day the calendar lacks",
      body: renderFormBody(answersFor(ITERATION_HEAD, { "Published Date": "2024-02-30" })),
      problems: [{ field: "Published Date", kind: "malformed", message: /“2024-02-30” under “Published Date” is not a day of the calendar/ }],
    },
    {
      name: "an empty body",
      body: "",
      problems: ["Title", "Published Date", "Source", "Head Name"].map((field) => ({ field, kind: "missing", message: /section|title/ })),
    },
  ];
  it.each(problems)("reports $name in words a submitter understands", ({ body, issueTitle, problems: wanted }) => {
    const parsed = parseIntakeIssue(body, undefined, issueTitle ? { issueTitle } : {});
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(wanted.length);
    parsed.problems.forEach((p, i) => {
      expect(p.field).toBe(wanted[i]!.field);
      expect(p.kind).toBe(wanted[i]!.kind);
      expect(p.message).toMatch(wanted[i]!.message);
    });
  });

  it("needs no title when a field links the paper", () => {
    const parsed = parseIntakeIssue(renderFormBody(answersFor(ITERATION_HEAD, { Title: "https://arxiv.org/abs/2406.02128" })));
    expect(parsed).toMatchObject({ ok: true, submission: { links: [{ arxiv: "2406.02128", field: "Title" }] } });
    expect(parsed.submission.title).toBeUndefined();
  });

  it("takes an empty title from the issue's title after the form's prefix, and says so", () => {
    const parsed = parseIntakeIssue(renderFormBody(answersFor(ITERATION_HEAD, { Title: "" })), undefined, { issueTitle: `Add new paper: ${ITERATION_HEAD.title}` });
    expect(parsed).toMatchObject({ ok: true, submission: { title: ITERATION_HEAD.title } });
    expect(parsed.ok && parsed.notes).toEqual(["The “Title” field was empty; the issue's title was used instead."]);
    // The prefix alone is no title.
    expect(parseIntakeIssue(renderFormBody(answersFor(ITERATION_HEAD, { Title: "" })), undefined, { issueTitle: "Add new paper: " }).ok).toBe(false);
  });

  it("strips invisible characters from headings and answers", () => {
    const body = wellFormed.replace("### Title", "### Ti\u200Btle").replace(ITERATION_HEAD.title, `\u202E${ITERATION_HEAD.title}\u2066`);
    expect(parseIntakeIssue(body)).toMatchObject({ ok: true, submission: { title: ITERATION_HEAD.title } });
  });

  it("reads a form with other labels, a dropdown and checkboxes as GitHub renders them", () => {
    const yaml = [
      "name: Suggest a paper",
      "labels: [paper, intake]",
      "body:",
      "  - type: markdown",
      "    attributes: { value: 'Thanks!' }",
      "  - type: input",
      "    id: title",
      "    attributes: { label: Paper title }",
      "    validations: { required: true }",
      "  - type: dropdown",
      "    id: venue",
      "    attributes: { label: Venue, options: [arXiv, ICLR, NeurIPS] }",
      "  - type: input",
      "    id: head",
      "    attributes: { label: Which heads? }",
      "    validations: { required: true }",
      "  - type: checkboxes",
      "    id: terms",
      "    attributes:",
      "      label: Checks",
      "      options:",
      "        - label: I searched the catalog",
      "        - label: The paper is about attention heads",
    ].join("\n");
    const form = readIntakeForm(yaml);
    expect(form.labels).toEqual(["paper", "intake"]);
    expect(form.roles.title?.label).toBe("Paper title");
    expect(form.roles.head?.label).toBe("Which heads?");
    expect(form.roles.published).toBeUndefined();
    const body = renderFormBody({ "Paper title": ITERATION_HEAD.title, Venue: "ICLR", "Which heads?": "iteration heads", Checks: ["The paper is about attention heads"] }, form);
    expect(body).toContain("- [X] The paper is about attention heads");
    expect(body).toContain("- [ ] I searched the catalog");
    expect(parseIntakeIssue(body, yaml)).toMatchObject({ ok: true, submission: { title: ITERATION_HEAD.title, headNames: ["iteration heads"] } });
  });

  it("refuses a file that is not an issue form, naming it", () => {
    expect(() => readIntakeForm("name: x\nbody: 3", "add.yml")).toThrow(/add\.yml is not a GitHub issue form/);
    expect(() => readIntakeForm("body: [", "add.yml")).toThrow(/add\.yml is not valid YAML/);
    expect(() => readIntakeForm("name: x\nbody:\n  - type: input\n    attributes: {}\n", "add.yml")).toThrow(/add\.yml: body\[0\] \(input\) has no label/);
  });
});

describe("the pieces of an answer", () => {
  it.each([
    ["2024-06-04", "2024-06-04"],
    ["2024/6/4", "2024-06-04"],
    ["2024.06.04 (v1)", "2024-06-04"],
    ["4 June 2024", "2024-06-04"],
    ["June 4th, 2024", "2024-06-04"],
    ["Jun. 2024", "2024-06"],
    ["2024-06", "2024-06"],
    ["2024", "2024"],
    ["25/12/2024", "2024-12-25"],
    ["12/25/2024", "2024-12-25"],
  ])("reads the date %s as %s", (text, date) => {
    expect(parseSubmittedDate(text)).toBe(date);
  });

  it.each([
    ["03/07/2024", /two ways/],
    ["2024-13-01", /no month 1 to 12/],
    ["1066-10-14", /year 1066/],
    ["soon", /not a date I can read/],
  ])("says what is wrong with the date %s", (text, problem) => {
    const parsed = parseSubmittedDate(text);
    expect(typeof parsed === "string" ? parsed : parsed.problem).toMatch(problem);
  });

  it("splits head names on commas, semicolons, slashes and 'and'", () => {
    expect(splitHeadNames("Retrieval Head / Induction Head & Copy Head; retrieval head")).toEqual(["Retrieval Head", "Induction Head", "Copy Head"]);
    expect(splitHeadNames("none")).toEqual([]);
  });

  it("joins a summary's wrapped list items and keeps plain paragraphs as items", () => {
    expect(summaryItems("1. First point\n   continues here.\n2) Second.")).toEqual(["First point continues here.", "Second."]);
    expect(summaryItems("One paragraph\non two lines.\n\nAnother.")).toEqual(["One paragraph on two lines.", "Another."]);
  });
});
