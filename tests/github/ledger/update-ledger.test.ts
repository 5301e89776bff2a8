import { describe, expect, it } from "vitest";
import { recordDelivery } from "../../../src/github/ledger/record-delivery.ts";
import { updateLedger } from "../../../src/github/ledger/store.ts";
import { describeError } from "../../../src/errors.ts";
import { memoryStore } from "./memory-store.ts";

describe("updateLedger", () => {
  it("writes the mutation; a mutation that changes nothing writes nothing", async () => {
    const { store, writes } = memoryStore();
    let fresh = false;
    await updateLedger(store, (l) => void (fresh = recordDelivery(l, "d-1")), "delivery d-1");
    expect([fresh, writes()]).toEqual([true, 1]);
    await updateLedger(store, (l) => void (fresh = recordDelivery(l, "d-1")), "delivery d-1");
    expect([fresh, writes()]).toEqual([false, 1]);
  });

  it("when another writer got in first, re-reads and re-applies: both changes survive", async () => {
    let raced = false;
    const memory = memoryStore({
      beforeWrite: async () => {
        if (raced) return;
        raced = true;
        await updateLedger(memory.store, (l) => void recordDelivery(l, "from-replica-b"), "b");
      },
    });
    let runs = 0;
    const ledger = await updateLedger(memory.store, (l) => void (runs++, recordDelivery(l, "from-replica-a")), "a");
    expect(runs).toBe(2);
    expect(ledger.deliveries).toEqual(["from-replica-b", "from-replica-a"]);
    expect((await memory.store.read()).ledger.deliveries).toEqual(["from-replica-b", "from-replica-a"]);
    expect(memory.messages).toEqual(["b", "a"]);
  });

  it("gives up after the attempts allowed, saying nothing was written", async () => {
    let other = 0;
    const memory = memoryStore({ beforeWrite: async () => void (await bump()) });
    const bump = async () => {
      // Another writer lands between every read and write (its own writes are let through).
      if (other++ % 2 === 0) await updateLedger(memory.store, (l) => void recordDelivery(l, `other-${other}`), "other");
    };
    const error = await updateLedger(memory.store, (l) => void recordDelivery(l, "mine"), "mine", { attempts: 3 }).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/^could not update ledger in memory: it changed under each of 3 attempts \(other writers busy\); nothing of this update was written\n  caused by: moved since/);
    expect((await memory.store.read()).ledger.deliveries).not.toContain("mine");
  });

  it("refuses to store a ledger a mutation broke, naming the key", async () => {
    const { store, writes } = memoryStore();
    await expect(updateLedger(store, (l) => void (l.windows.arxiv = "yesterday"), "bad")).rejects.toThrow("refusing to write an invalid ledger to ledger in memory: windows.arxiv");
    expect(writes()).toBe(0);
  });
});
