import { describe, expect, it } from "vitest";
import { editDistance } from "../../../src/github/commands/edit-distance.ts";
import { parsePaperRef } from "../../../src/github/commands/paper-ref.ts";
import {
  COMMANDS,
  MAX_PAPERS_PER_ADD,
  misplacedCommand,
  readCommand,
  renderHelp,
  renderInvalidCommand,
  type CommandReading,
} from "../../../src/github/commands/parse-command.ts";

function command(body: string) {
  const reading = readCommand(body, "headscout");
  if (reading.kind !== "command") throw new Error(`not a command: ${JSON.stringify(reading)}`);
  return reading.command;
}

function invalid(body: string): Extract<CommandReading, { kind: "invalid" }> {
  const reading = readCommand(body, "headscout");
  if (reading.kind !== "invalid") throw new Error(`not invalid: ${JSON.stringify(reading)}`);
  return reading;
}

const keysOf = (papers: { key: string }[]) => papers.map((p) => p.key);

describe("paper ids a maintainer writes", () => {
  it.each([
    ["2404.15574", "arxiv:2404.15574", undefined],
    ["2404.15574v2", "arxiv:2404.15574", 2],
    ["arxiv:2404.15574", "arxiv:2404.15574", undefined],
    ["arXiv:2404.15574v3", "arxiv:2404.15574", 3],
    ["https://arxiv.org/abs/2404.15574v2", "arxiv:2404.15574", 2],
    ["https://arxiv.org/pdf/2404.15574.pdf", "arxiv:2404.15574", undefined],
    ["arxiv.org/html/2404.15574v1", "arxiv:2404.15574", 1],
    ["hep-th/9901001", "arxiv:hep-th/9901001", undefined],
    ["`arxiv:2404.15574`", "arxiv:2404.15574", undefined],
    ["<https://arxiv.org/abs/2404.15574>", "arxiv:2404.15574", undefined],
    ["[2404.15574](https://arxiv.org/abs/2404.15574),", "arxiv:2404.15574", undefined],
    ["https://openreview.net/forum?id=AbC_12-x", "openreview:AbC_12-x", undefined],
    ["https://openreview.net/pdf?id=AbC_12-x", "openreview:AbC_12-x", undefined],
    ["openreview:AbC_12-x", "openreview:AbC_12-x", undefined],
    ["https://doi.org/10.1145/3580305.3599999", "doi:10.1145/3580305.3599999", undefined],
    ["https://aclanthology.org/2024.findings-acl.199/", "acl:2024.findings-acl.199", undefined],
    ["title:talkingheadsattention", "title:talkingheadsattention", undefined],
  ])("%s → %s", (text, key, version) => {
    const ref = parsePaperRef(text);
    expect(ref?.key).toBe(key);
    expect(ref?.version).toBe(version);
  });

  it.each(["Induction", "2404", "https://example.com/paper", "openreview:bad id!", "title:---", ""])("%j names no paper", (text) => {
    expect(parsePaperRef(text)).toBeUndefined();
  });
});

describe("the command table", () => {
  it("reads every command with its arguments", () => {
    expect(command("@headscout scan")).toEqual({ name: "scan" });
    expect(command("@headscout scan since 2026-11-01")).toEqual({ name: "scan", since: "2026-11-01" });
    expect(command("@headscout add 2404.15574")).toMatchObject({ name: "add", papers: [{ key: "arxiv:2404.15574" }] });
    expect(command("@headscout why-not 2404.15574v2")).toMatchObject({ name: "why-not", paper: { key: "arxiv:2404.15574", version: 2 } });
    expect(command("@headscout retag 2404.15574 Induction Head, Retrieval  Head")).toMatchObject({
      name: "retag",
      paper: { key: "arxiv:2404.15574" },
      tags: ["Induction Head", "Retrieval Head"],
    });
    expect(command('@headscout retag 2404.15574 "Induction Head", “Retrieval Head”')).toMatchObject({ tags: ["Induction Head", "Retrieval Head"] });
    expect(command("@headscout redraft arxiv:2404.15574")).toMatchObject({ name: "redraft", paper: { key: "arxiv:2404.15574" } });
    expect(command("@headscout drop https://arxiv.org/abs/2404.15574")).toMatchObject({ name: "drop", paper: { key: "arxiv:2404.15574" } });
    expect(command("@headscout reconsider `arxiv:2404.15574`")).toMatchObject({ name: "reconsider", paper: { key: "arxiv:2404.15574" } });
    expect(command("@headscout recreate")).toEqual({ name: "recreate" });
    expect(command("/headscout help")).toEqual({ name: "help" });
  });

  it("takes several papers in one add, in any form, each once", () => {
    const add = command("@headscout add 2404.15574, https://arxiv.org/abs/2404.15574v3 https://openreview.net/forum?id=XyZ123 arxiv:2501.00001");
    expect(add.name === "add" && keysOf(add.papers)).toEqual(["arxiv:2404.15574", "openreview:XyZ123", "arxiv:2501.00001"]);
  });

  it("accepts why-not written as one word or two, in any case", () => {
    for (const body of ["@headscout whynot 2404.15574", "@headscout Why_Not 2404.15574", "@headscout why not 2404.15574"]) {
      expect(command(body)).toMatchObject({ name: "why-not", paper: { key: "arxiv:2404.15574" } });
    }
  });

  it("lets a pull request's only paper go unnamed", () => {
    expect(command("@headscout retag Induction Head")).toEqual({ name: "retag", tags: ["Induction Head"] });
    expect(command("@headscout drop")).toEqual({ name: "drop" });
    expect(command("@headscout redraft")).toEqual({ name: "redraft" });
  });

  it("says what is wrong with a known command's arguments, with its usage", () => {
    const cases: [string, RegExp][] = [
      ["@headscout add", /one or more arXiv ids/],
      ["@headscout add hello", /`hello` is not a paper id/],
      ["@headscout add https://doi.org/10.1145/3580305.3599999", /arXiv or OpenReview/],
      [`@headscout add ${Array.from({ length: MAX_PAPERS_PER_ADD + 1 }, (_, i) => `2501.${String(10000 + i)}`).join(" ")}`, /at most 10 papers/],
      ["@headscout why-not", /one paper id/],
      ["@headscout why-not 2404.15574 2404.15575", /one paper id, not 2 words/],
      ["@headscout retag 2404.15574", /the tags, separated by commas/],
      ["@headscout reconsider nothing-here", /not a paper id/],
      ["@headscout recreate now", /takes nothing/],
    ];
    for (const [body, reason] of cases) {
      const reading = invalid(body);
      expect(reading.reason).toMatch(reason);
      expect(reading.spec).toBeDefined();
      expect(renderInvalidCommand(reading, "headscout")).toContain(`\`@headscout ${reading.spec!.name}`);
    }
  });

  it("names the closest command for a typo", () => {
    expect(renderInvalidCommand(invalid("@headscout reconsidr 2404.15574"), "headscout")).toMatch(
      /^I don't know the command `reconsidr` — did you mean `reconsider`\? `@headscout reconsider <paper id>` — lift a rejection/,
    );
    expect(invalid("@headscout scna").suggestion?.name).toBe("scan");
    expect(invalid("@headscout dorp").suggestion?.name).toBe("drop");
    expect(invalid("@headscout tag 2404.15574 Induction Head").suggestion?.name).toBe("retag");
    expect(invalid("@headscout why 2404.15574").suggestion?.name).toBe("why-not");
    expect(invalid("@headscout hello").suggestion).toBeUndefined();
    expect(renderInvalidCommand(invalid("@headscout hello"), "headscout")).toMatch(/^I don't know the command `hello`\.\n\nWhat I understand:\n\n- `@headscout scan/);
  });

  it("keeps a hostile word inert in the reply", () => {
    const reply = renderInvalidCommand(invalid("@headscout @octocat#1</details>"), "headscout");
    expect(reply).toContain("`@octocat#1</details>`");
    expect(reply.replace(/`[^`]*`/g, "")).not.toMatch(/@|#\d|</);
  });

  it("marks the commands that change a headscout pull request, and the ones the rate limit counts", () => {
    expect(COMMANDS.filter((c) => c.onBotPullRequest).map((c) => c.name)).toEqual(["retag", "redraft", "drop", "recreate"]);
    expect(COMMANDS.filter((c) => c.limited).map((c) => c.name)).toEqual(["scan", "add", "redraft"]);
    const retag = COMMANDS.find((c) => c.name === "retag")!;
    expect(misplacedCommand(retag, { onBotPullRequest: false })).toBe("`retag` changes one of headscout's pull requests: comment it on that pull request.");
    expect(misplacedCommand(retag, { onBotPullRequest: true })).toBeUndefined();
  });

  it("lists every command with its usage line in the help", () => {
    const help = renderHelp("headscout");
    for (const spec of COMMANDS) expect(help).toContain(`\`@headscout ${spec.name}`);
    expect(help).toContain("- `@headscout retag <paper id> Tag A, Tag B` — set a proposed entry's head-type tags (names from the registry) (on a headscout pull request)");
    expect(help).toContain("- `@headscout add <arXiv id | arXiv URL | OpenReview URL>…` — propose these papers now");
  });
});

describe("edit distance", () => {
  it.each([
    ["scan", "scna", 1],
    ["reconsider", "reconsidr", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["drop", "drop", 0],
  ])("%s ↔ %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
