import { parseLedgerText, serializeLedger } from "../../../src/github/ledger/ledger-json.ts";
import { emptyLedger } from "../../../src/github/ledger/schema.ts";
import { LedgerConflictError, type LedgerStore } from "../../../src/github/ledger/store.ts";

/** A store in memory whose versions count writes; `beforeWrite` lets a test play another writer. */
export function memoryStore(options: { beforeWrite?: () => Promise<void> } = {}) {
  let text: string | undefined;
  let version = 0;
  const messages: string[] = [];
  const store: LedgerStore = {
    name: "ledger in memory",
    async read() {
      return text === undefined ? { ledger: emptyLedger(), version: null } : { ledger: parseLedgerText(text, "memory"), version: String(version) };
    },
    async write(ledger, expected, message) {
      await options.beforeWrite?.();
      if ((text === undefined ? null : String(version)) !== expected) throw new LedgerConflictError(`moved since ${expected}`);
      text = serializeLedger(ledger);
      messages.push(message);
      return String(++version);
    },
  };
  return { store, messages, writes: () => version };
}
