import { describe, expect, it } from "vitest";
import { parseLedgerText, serializeLedger } from "../../../src/github/ledger/ledger-json.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { paper, scanResult, verdict } from "./build.ts";

const where = "ledger.json on branch headscout-state of acme/heads";

function ledgerText(): string {
  const ledger = emptyLedger();
  const razor = paper({ arxiv: "2407.15891" }, "RazorAttention: Efficient KV Cache Compression Through Retrieval Heads");
  recordScan(ledger, scanResult({ verdicts: [verdict(razor, "irrelevant")] }), { at: new Date("2026-06-03T06:00:00Z"), trigger: "schedule" });
  return serializeLedger(ledger);
}

describe("ledger.json", () => {
  it("reads back what it writes, and an empty object is an empty ledger of version 1", () => {
    expect(serializeLedger(parseLedgerText(ledgerText(), where))).toBe(ledgerText());
    expect(parseLedgerText('{"version": 1}', where)).toEqual(emptyLedger());
  });

  it("refuses a version it does not know", () => {
    expect(() => parseLedgerText('{"version": 2, "papers": {}}', where)).toThrow(`${where} has version 2; this headscout reads version 1 only (upgrade headscout)`);
  });

  it.each([
    [(t: string) => t.replace('"state": "judged"', '"state": "judgd"'), 'papers["arxiv:2407.15891"].state: Invalid option: expected one of'],
    [(t: string) => t.replace('"lastSeen"', '"lastseen"'), 'papers["arxiv:2407.15891"]: Unrecognized key: "lastseen"'],
    [(t: string) => t.replace('"version": 1', '"version": "1"'), "version: Invalid input: expected 1"],
    [(t: string) => t.replace('"windows": {}', '"windows": {"arxiv": "last tuesday"}'), "windows.arxiv: expected an ISO 8601 instant"],
  ])("names the key path of a bad hand edit (%#)", (edit, problem) => {
    expect(() => parseLedgerText(edit(ledgerText()), where)).toThrow(problem);
    expect(() => parseLedgerText(edit(ledgerText()), where)).toThrow(`${where} is not a valid ledger; fix or revert the last edit`);
  });

  it("says a document that is not JSON is not JSON", () => {
    expect(() => parseLedgerText(ledgerText().slice(0, 40), where)).toThrow(/^ledger\.json on branch headscout-state of acme\/heads is not valid JSON \(.+\); fix or revert the last edit$/);
  });
});
