import { HeadscoutError } from "../../errors.ts";
import { formatKeyPath, serializeLedger } from "./ledger-json.ts";
import { ledgerSchema, type Ledger } from "./schema.ts";

/**
 * Where a ledger lives: the `headscout-state` branch (branch-store.ts) or a local file
 * (file-store.ts). Writes are compare-and-swap against the version read.
 */
export interface LedgerStore {
  /** For messages: "ledger.json on branch headscout-state of owner/repo", a file's path. */
  readonly name: string;
  /**
   * The ledger and its version: the state branch's head commit, or a token of the file's bytes;
   * null when none exists yet (then the ledger is empty).
   */
  read(): Promise<{ ledger: Ledger; version: string | null }>;
  /** Writes and returns the new version; throws LedgerConflictError when someone wrote since `expected`. */
  write(ledger: Ledger, expected: string | null, message: string): Promise<string>;
}

/** Someone else wrote the ledger since it was read: read again and re-apply. */
export class LedgerConflictError extends HeadscoutError {
  override name = "LedgerConflictError";
}

export interface UpdateOptions {
  /** Read-mutate-write rounds before giving up (default 5). */
  attempts?: number;
}

/**
 * Read → mutate a copy → write with compare-and-swap. When another writer got in between (another
 * replica, a maintainer's edit), the ledger is read again and the mutation applied again to what is
 * there now, so both changes survive; `mutate` must therefore be re-runnable (derive everything from
 * the ledger it is given; set, don't accumulate, outside values). A mutation that changes nothing
 * writes nothing. After `attempts` conflicts in a row, a HeadscoutError says so.
 */
export async function updateLedger(
  store: LedgerStore,
  mutate: (ledger: Ledger) => void | Promise<void>,
  message: string,
  options: UpdateOptions = {},
): Promise<Ledger> {
  const attempts = options.attempts ?? 5;
  let conflict: LedgerConflictError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { ledger, version } = await store.read();
    const before = serializeLedger(ledger);
    const draft = structuredClone(ledger);
    await mutate(draft);
    const checked = ledgerSchema.safeParse(draft);
    if (!checked.success) {
      // A bug in a mutation, not in the document: refuse to store it, naming the first bad key.
      const issue = checked.error.issues[0]!;
      throw new HeadscoutError(`refusing to write an invalid ledger to ${store.name}: ${formatKeyPath(issue.path)}: ${issue.message}`, { cause: checked.error });
    }
    if (serializeLedger(checked.data) === before) return checked.data;
    try {
      await store.write(checked.data, version, message);
      return checked.data;
    } catch (error) {
      if (!(error instanceof LedgerConflictError)) throw error;
      conflict = error;
    }
  }
  throw new HeadscoutError(`could not update ${store.name}: it changed under each of ${attempts} attempts (other writers busy); nothing of this update was written`, {
    cause: conflict,
  });
}
