import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "../../../src/errors.ts";
import { createFileLedgerStore } from "../../../src/github/ledger/file-store.ts";
import { recordDelivery } from "../../../src/github/ledger/record-delivery.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { LedgerConflictError, updateLedger } from "../../../src/github/ledger/store.ts";

const scratch = () => join(mkdtempSync(join(tmpdir(), "headscout-ledger-")), "ledger.json");

describe("the file store", () => {
  it("a missing file is an empty ledger; the first write creates it, readable JSON a person can edit", async () => {
    const path = scratch();
    const store = createFileLedgerStore(path, "ledger.json");
    expect(await store.read()).toEqual({ ledger: emptyLedger(), version: null });
    await updateLedger(store, (l) => void recordDelivery(l, "d-1"), "cli");
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ version: 1, deliveries: ["d-1"] });
    expect(readFileSync(path, "utf8")).toMatch(/^\{\n {2}"version": 1,\n/);
  });

  it("refuses a write when the file changed since it was read, and updateLedger keeps both changes", async () => {
    const path = scratch();
    const store = createFileLedgerStore(path, "ledger.json");
    await updateLedger(store, (l) => void recordDelivery(l, "first"), "cli");
    const { ledger, version } = await store.read();
    // A hand edit lands between this run's read and its write.
    const edited = JSON.parse(readFileSync(path, "utf8"));
    edited.deliveries.push("by-hand");
    writeFileSync(path, JSON.stringify(edited, null, 2));
    recordDelivery(ledger, "mine");
    await expect(store.write(ledger, version, "cli")).rejects.toThrow(new LedgerConflictError("ledger file ledger.json changed since it was read (edited by another run or by hand)"));

    await updateLedger(store, (l) => void recordDelivery(l, "mine"), "cli");
    expect((await store.read()).ledger.deliveries).toEqual(["first", "by-hand", "mine"]);
  });

  it("a write based on no file conflicts with a file created meanwhile", async () => {
    const path = scratch();
    const store = createFileLedgerStore(path);
    writeFileSync(path, '{"version": 1}');
    await expect(store.write(emptyLedger(), null, "cli")).rejects.toBeInstanceOf(LedgerConflictError);
  });

  it("names a corrupt file and the bad key, and leaves it as it was", async () => {
    const path = scratch();
    const store = createFileLedgerStore(path, "state/ledger.json");
    writeFileSync(path, '{"version": 1, "papers": {"arxiv:1": {"title": "x"}}}');
    const error = await updateLedger(store, (l) => void recordDelivery(l, "d"), "cli").catch((e: unknown) => e);
    expect(describeError(error)).toContain('ledger file state/ledger.json is not a valid ledger; fix or revert the last edit:\n  - papers["arxiv:1"].identity: Invalid input');
    writeFileSync(path, "{ not json");
    await expect(store.read()).rejects.toThrow(/^ledger file state\/ledger\.json is not valid JSON/);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
  });
});
