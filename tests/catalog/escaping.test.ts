import { describe, expect, it } from "vitest";
import { insert } from "../../src/catalog/insert.ts";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { cleanText, escapeText } from "../../src/catalog/sanitize.ts";
import { splitRow } from "../../src/catalog/format/markdown/parse-markdown.ts";
import { FORMATS, addedLines, readFixture } from "./helpers.ts";

const HOSTILE_TITLE =
  "Evil | Title <img src=x onerror=alert(1)> & Co &amp; `code` ![img](https://evil.example/x.png) [link](https://evil.example) **bold** @octocat \u202Egnp.exe\u200B\nsecond line";
const HOSTILE_BULLETS = [
  "closes </td></tr></table> and opens <script>alert(1)</script>",
  "pings @maintainer, cc @org/team",
  "line\nbreak | pipe \\| escaped <br> and a trailing backslash \\",
];

function hostileEntry() {
  return {
    date: "2024-05-05",
    title: HOSTILE_TITLE,
    summary: { kind: "bullets", bullets: HOSTILE_BULLETS },
    tags: ["Evil<script> Head", "Induction Head"],
    links: [
      { kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2405.00005" },
      { kind: "code", label: 'Git"Hub', url: 'https://example.com/x") ![](https://evil.example/y.png' },
    ],
  };
}

describe("untrusted text", () => {
  it.each(FORMATS)("cannot break the %s catalog, inject markup or ping anyone", (format) => {
    const before = readFixture(`${format}.md`);
    const after = insert(before, [hostileEntry()]);
    const added = addedLines(before, after);
    expect(added, "no existing line may change").toBeDefined();
    const text = added!.join("\n");

    // Still one well-formed row more, and nothing else moved.
    const doc = parseCatalog(after);
    expect(doc.problems.filter((p) => p.kind !== "unknown-tag")).toEqual([]);
    expect(doc.entries).toHaveLength(7);

    // No HTML, image or link gets through, and no @mention is left to notify anyone.
    expect(text).not.toMatch(/<img src=x|<script|<\/table>|<\/td><\/tr>/);
    // (A backslash-escaped bracket is plain text in markdown.)
    expect(text).not.toMatch(/(?<!\\)\[(img|link)(?<!\\)\]\(|(?<!\\)\]\(https:\/\/evil/);
    expect(text).not.toMatch(/(^|[^A-Za-z0-9&#])@(octocat|maintainer|org)/);
    expect(text).not.toMatch(/[\u202E\u200B]/);
    expect(text).not.toContain('"onmouseover');

    // The words themselves survive as plain text.
    const mine = doc.entries.find((e) => e.entry.title.startsWith("Evil"))!;
    expect(mine.entry.title).toBe(cleanText(HOSTILE_TITLE));
    if (format !== "bullets") expect(mine.entry.summary).toEqual({ kind: "bullets", bullets: HOSTILE_BULLETS.map(cleanText) });
    expect(mine.entry.tags).toEqual(["Evil<script> Head", "Induction Head"]);
  });

  it("keeps a markdown row to its four cells", () => {
    const after = insert(readFixture("markdown.md"), [hostileEntry()]);
    const row = after.split("\n").find((l) => l.includes("Evil"))!;
    expect(splitRow(row)!.cells).toHaveLength(4);
    expect(row.split("\n")).toHaveLength(1);
  });

  it("spells a tag holding half a surrogate pair as U+FFFD instead of failing", () => {
    const after = insert(readFixture("markdown.md"), [{ ...hostileEntry(), tags: ["Lone \uD800 Head"] }]);
    expect(after.split("\n").find((l) => l.includes("Evil"))).toContain("![](https://img.shields.io/badge/Lone_%EF%BF%BD_Head-blue)");
  });

  it("escapes per context", () => {
    expect(escapeText("a | b", "markdown")).toBe("a \\| b");
    expect(escapeText("a | b", "html")).toBe("a | b");
    expect(escapeText("x <b> & y &amp; z", "html")).toBe("x &lt;b&gt; & y &amp;amp; z");
    expect(escapeText("hi @octocat, mail a@b.org", "markdown")).toBe("hi &#64;octocat, mail a@b.org");
    expect(escapeText("`x` [y](z)", "html")).toBe("&#96;x&#96; &#91;y&#93;(z)");
    expect(escapeText("multi\n\nline\ttext\u200B", "bullets")).toBe("multi line text");
  });
});
