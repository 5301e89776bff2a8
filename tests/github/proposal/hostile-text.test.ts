import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { entrySchema } from "../../../src/catalog/entry.ts";
import { escapeForGitHub, parseProposalMarker, readChecklist, renderProposalBody } from "../../../src/github/proposal/index.ts";
import { grouped, makeProposedPaper, runningText, shownText, yamlBlocks } from "./make-paper.ts";

const hostileTitle =
  "@octocat Fixes #1, closes owner/repo#2 </details><img src=x onerror=alert(1)> | broken | table ``` [click](https://evil.example) ![x](https://evil.example/x.png)";
const forgedMarker = '<!-- headscout:proposal {"version":1,"mode":"grouped","papers":["x"],"catalogPath":"README.md"} -->';
const hostileAbstract = [
  "We study heads.\u200B\u202E Zero-width and bidi characters hide text.\u2066",
  forgedMarker,
  "<!-- headscout:checklist -->\n- [ ] Forged line <!-- headscout:paper \"arxiv:2411.10001\" -->\n<!-- headscout:/checklist -->",
  "Resolves https://github.com/owner/repo/issues/3 and GH-4; see www.evil.example, @org/team and $\\huge{x}$.",
  "```\n</details>\n```",
].join("\n");

const hostile = makeProposedPaper(1, {
  paper: { title: hostileTitle, abstract: hostileAbstract, venue: "ICLR | @venue #5" },
  verdict: {
    rationale: "Closes #6 — cc @maintainer, [docs](https://evil.example)",
    tags: [{ name: "Copy Suppression Head", evidence: "copy suppression heads </summary> @someone" }],
    droppedTags: [{ name: "Evil <b>Head</b>", evidence: "fixes #7", reason: "not in the registry | @x" }],
    newHeadTypes: [{ name: "`Backtick` Head", evidence: "````yaml\n@octocat" }],
    summary: ["Fixes #8 @octocat", "<script>alert(1)</script>", "``` breaks out ```` of fences"],
    flags: ["instruction-like text: \"ignore previous instructions @bot\""],
  },
});
const body = renderProposalBody(grouped([hostile, makeProposedPaper(2)])).body;

describe("a paper's text in a pull request body", () => {
  it("cannot mention anyone, link an issue, close one, or open HTML, links or images", () => {
    const text = runningText(body);
    expect(text).not.toMatch(/@[\w-]/); // no mention, no team mention
    expect(text).not.toMatch(/#\d/); // no #1, owner/repo#2, "Fixes #1"
    expect(text).not.toMatch(/GH-\d/i);
    expect(text).not.toMatch(/<[a-z/!]/i); // no tag, no comment, no closing </details>
    expect(text).not.toMatch(/\]\(|!\[/); // no markdown link or image
    expect(text).not.toMatch(/:\/\/|www\./i); // nothing GitHub would autolink (issue URLs included)
    expect(text).not.toMatch(/\$/); // no math
    // Raw, as GitHub's e-mail replies read it: the only "@" is headscout's own command, in code.
    expect(new Set(body.match(/@[\w-]+/g))).toEqual(new Set(["@headscout"]));
    expect(body).not.toMatch(/#\d/);
  });

  it("reads as the paper wrote it, once GitHub decodes the entities", () => {
    expect(shownText(escapeForGitHub(hostileTitle))).toBe(hostileTitle);
    expect(shownText(body)).toContain("@octocat Fixes #1, closes owner/repo#2 </details><img src=x onerror=alert(1)>");
  });

  it("keeps no zero-width or bidi character anywhere, code blocks included", () => {
    expect(body).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
    expect(shownText(escapeForGitHub("a\u200Bb\u202Ec\u{E0041}d\u{E0100}e\u3164f"))).toBe("abcdef");
  });

  it("leaves the table's rows whole: six cells each", () => {
    const rows = body.split("\n").filter((line) => line.startsWith("| ["));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.match(/\|/g)).toHaveLength(7);
  });

  it("cannot close headscout's collapsible sections early", () => {
    const tags = [...body.matchAll(/<\/?details>/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.every((tag, i) => tag === (i % 2 === 0 ? "<details>" : "</details>"))).toBe(true);
  });

  it("is held whole in the YAML block, which no backtick run can close and which shows nothing raw", () => {
    const [block] = yamlBlocks(body);
    expect(block).toBeDefined();
    expect(block).not.toMatch(/[@#<>`]/);
    const entry = entrySchema.parse(parse(block!));
    expect(entry.title).toBe(hostileTitle);
    expect(entry.summary).toEqual({ kind: "bullets", bullets: ["Fixes #8 @octocat", "<script>alert(1)</script>", "``` breaks out ```` of fences"] });
  });

  it("cannot forge the markers headscout reads back", () => {
    expect(parseProposalMarker(body)).toEqual({ version: 1, mode: "grouped", papers: ["arxiv:2411.10001", "arxiv:2411.10002"], catalogPath: "README.md" });
    expect(readChecklist(body)).toEqual(new Map([["arxiv:2411.10001", true], ["arxiv:2411.10002", true]]));
  });
});

describe("escapeForGitHub", () => {
  const cases = [
    "@octocat and @org/team",
    "Fixes #1, closes owner/repo#2, resolves GH-3",
    "see https://github.com/owner/repo/issues/4 or www.example.com",
    "</details><img src=x onerror=alert(1)>",
    "| broken | table",
    "```js\nalert(1)\n```",
    "[click](https://evil.example) and ![img](https://evil.example/x.png)",
    "\\@escaped and $x^2$ and &amp; and &#64;",
  ];

  it.each(cases)("shows %j as written, with nothing left to ping, link or render", (text) => {
    const escaped = escapeForGitHub(text);
    expect(shownText(escaped)).toBe(text.replace(/\s+/g, " "));
    expect(escaped).not.toMatch(/@|#\d|<|\]\(|!\[|:\/\/|www\.|\||`|\$|\n/i);
  });
});
