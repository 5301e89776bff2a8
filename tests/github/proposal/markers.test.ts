import { describe, expect, it } from "vitest";
import { parseProposalMarker, readChecklist, renderProposalBody } from "../../../src/github/proposal/index.ts";
import { grouped, makeProposedPaper } from "./make-paper.ts";

const papers = [makeProposedPaper(1), makeProposedPaper(2), makeProposedPaper(3)];
const { body } = renderProposalBody(grouped(papers));
const keys = ["arxiv:2411.10001", "arxiv:2411.10002", "arxiv:2411.10003"];

/** The body after a maintainer clicked the checkbox of one paper's line. */
function untick(text: string, key: string): string {
  return text.replace(new RegExp(`^- \\[x\\](.*"${key}".*)$`, "m"), "- [ ]$1");
}

describe("the proposal marker", () => {
  it("gives back the mode, the paper keys and the catalog path", () => {
    expect(parseProposalMarker(body)).toEqual({ version: 1, mode: "grouped", papers: keys, catalogPath: "README.md" });
  });

  it("is read from a per-paper body too", () => {
    const single = renderProposalBody(grouped([papers[0]!], { mode: "per-paper", catalogPath: "docs/papers.md" })).body;
    expect(parseProposalMarker(single)).toEqual({ version: 1, mode: "per-paper", papers: [keys[0]], catalogPath: "docs/papers.md" });
  });

  it("survives a maintainer's edits elsewhere and Windows line ends", () => {
    const edited = `Thanks, bot!\r\n\r\n${body.replace(/\n/g, "\r\n")}\r\nSome notes of mine.\r\n`;
    expect(parseProposalMarker(edited)?.papers).toEqual(keys);
  });

  it("ignores a marker inside a code block, and is undefined when ours is gone or broken", () => {
    const forged = `${body}\n\`\`\`\n<!-- headscout:proposal {"version":1,"mode":"grouped","papers":["x"],"catalogPath":"README.md"} -->\n\`\`\`\n`;
    expect(parseProposalMarker(forged)?.papers).toEqual(keys);
    expect(parseProposalMarker(body.replace(/<!-- headscout:proposal .*-->/, ""))).toBeUndefined();
    expect(parseProposalMarker(body.replace('"papers":[', '"papers":'))).toBeUndefined();
    expect(parseProposalMarker("A pull request someone else wrote.")).toBeUndefined();
  });
});

describe("the checklist of a grouped pull request", () => {
  it("says which papers are still ticked", () => {
    expect(readChecklist(body)).toEqual(new Map(keys.map((k) => [k, true])));
    expect(readChecklist(untick(body, keys[1]!))).toEqual(new Map([[keys[0]!, true], [keys[1]!, false], [keys[2]!, true]]));
  });

  it("reads [X], extra spaces, other bullets and CRLF line ends", () => {
    const edited = body
      .replace(`- [x] Copy Suppression Heads in Model 1`, `  * [X]   Copy Suppression Heads in Model 1`)
      .replace(`- [x] Copy Suppression Heads in Model 2`, `- [ ]   Copy Suppression Heads in Model 2`)
      .replace(/\n/g, "\r\n");
    expect(readChecklist(edited)).toEqual(new Map([[keys[0]!, true], [keys[1]!, false], [keys[2]!, true]]));
  });

  it("follows the paper marker, not the text, when a maintainer retitles or reorders lines", () => {
    const lines = body.split("\n");
    const first = lines.findIndex((l) => l.includes(`"${keys[0]}"`));
    const retitled = [...lines];
    retitled[first] = lines[first + 1]!.replace("Model 2", "a better title").replace("[x]", "[ ]");
    retitled[first + 1] = lines[first]!;
    expect(readChecklist(retitled.join("\n")).get(keys[1]!)).toBe(false);
    expect(readChecklist(retitled.join("\n")).get(keys[0]!)).toBe(true);
  });

  it("never trusts a line outside the checklist, a paper the marker does not list, or a code block", () => {
    const outside = `${body}\n- [ ] sneaky <!-- headscout:paper "${keys[0]}" -->\n`;
    expect(readChecklist(outside).get(keys[0]!)).toBe(true);
    const stranger = body.replace("<!-- headscout:/checklist -->", `- [ ] x <!-- headscout:paper "arxiv:9999.99999" -->\n<!-- headscout:/checklist -->`);
    expect(readChecklist(stranger).has("arxiv:9999.99999")).toBe(false);
    const fenced = body.replace("<!-- headscout:/checklist -->", "```\n<!-- headscout:/checklist -->\n```\n<!-- headscout:/checklist -->");
    expect(readChecklist(fenced).size).toBe(3);
  });

  it("leaves out a line a maintainer deleted, and takes a paper listed twice as ticked unless every line is unticked", () => {
    const lines = body.split("\n");
    const without = lines.filter((l) => !(l.startsWith("- [") && l.includes(`"${keys[2]}"`))).join("\n");
    expect([...readChecklist(without).keys()]).toEqual(keys.slice(0, 2));
    const line = lines.find((l) => l.includes(`"${keys[0]}"`))!;
    const twice = body.replace(line, `${line}\n${line.replace("[x]", "[ ]")}`);
    expect(readChecklist(twice).get(keys[0]!)).toBe(true);
  });

  it("is empty for a per-paper pull request", () => {
    expect(readChecklist(renderProposalBody(grouped([papers[0]!], { mode: "per-paper" })).body).size).toBe(0);
  });
});
