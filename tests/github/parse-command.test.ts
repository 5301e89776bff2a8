import { describe, expect, it } from "vitest";
import { readCommand } from "../../src/github/commands/parse-command.ts";

// Where a command is read in a comment at all; the commands themselves: tests/github/commands/read-command.test.ts.
describe("reading a command from a comment", () => {
  it.each([
    ["@headscout scan", { name: "scan" }],
    ["/headscout scan", { name: "scan" }],
    ["@HeadScout   SCAN", { name: "scan" }],
    ["Thanks!\n\n@headscout scan since 2026-11-01\nplease", { name: "scan", since: "2026-11-01" }],
  ])("%j", (body, command) => {
    expect(readCommand(body, "headscout")).toMatchObject({ kind: "command", command });
  });

  it.each([
    "@headscout-dev scan",
    "email me at someone@headscout scan.org",
    "> @headscout scan\n\nthat was a quote",
    "```\n@headscout scan\n```",
    "we could ask headscout to scan",
  ])("ignores %j", (body) => {
    expect(readCommand(body, "headscout")).toEqual({ kind: "none" });
  });

  it("says what is wrong with a command it cannot read", () => {
    expect(readCommand("@headscout scan since 2026-02-30", "headscout")).toMatchObject({ kind: "invalid", reason: expect.stringContaining("real date") });
    expect(readCommand("@headscout", "headscout")).toMatchObject({ kind: "invalid" });
  });
});
