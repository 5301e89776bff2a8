import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/github/commands/parse-command.ts";

describe("reading a command from a comment", () => {
  it.each([
    ["@headscout scan", { name: "scan" }],
    ["/headscout scan", { name: "scan" }],
    ["@HeadScout   SCAN", { name: "scan" }],
    ["Thanks!\n\n@headscout scan since 2026-11-01\nplease", { name: "scan", since: "2026-11-01" }],
  ])("%j", (body, command) => {
    expect(parseCommand(body, "headscout")).toMatchObject({ kind: "command", command });
  });

  it.each([
    "@headscout-dev scan",
    "email me at someone@headscout scan.org",
    "> @headscout scan\n\nthat was a quote",
    "```\n@headscout scan\n```",
    "we could ask headscout to scan",
  ])("ignores %j", (body) => {
    expect(parseCommand(body, "headscout")).toEqual({ kind: "none" });
  });

  it("says what is wrong with a command it cannot read", () => {
    expect(parseCommand("@headscout scna", "headscout")).toMatchObject({ kind: "invalid", reason: "I don't know the command `scna`" });
    expect(parseCommand("@headscout scan since 2026-02-30", "headscout")).toMatchObject({ kind: "invalid", reason: expect.stringContaining("real date") });
    expect(parseCommand("@headscout", "headscout")).toMatchObject({ kind: "invalid", reason: "the command is missing" });
  });

  it("runs only scans until the app handles the other commands: they are not available yet", () => {
    expect(parseCommand("@headscout add 2404.15574", "headscout")).toEqual({ kind: "invalid", line: "@headscout add 2404.15574", reason: "`add` is not available yet" });
    expect(parseCommand("@headscout reconsidr 2404.15574", "headscout")).toMatchObject({ kind: "invalid", reason: "I don't know the command `reconsidr`" });
  });
});
