import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { HeadscoutError } from "../../errors.ts";
import { describeFsError, writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { parseLedgerText, serializeLedger } from "./ledger-json.ts";
import { emptyLedger } from "./schema.ts";
import { LedgerConflictError, type LedgerStore } from "./store.ts";

/**
 * A ledger in a local file (`headscout scan --ledger FILE`). Its version is a hash of the file's
 * bytes, compared again just before the atomic write: a run that finds the file changed since it
 * read it re-reads and re-applies (updateLedger). Two runs racing within the few microseconds
 * between that check and the rename can still lose one update; a cron job runs one scan at a time.
 */
export function createFileLedgerStore(path: string, shownName: string = path): LedgerStore {
  const name = `ledger file ${shownName}`;
  return {
    name,
    async read() {
      const bytes = await readBytes(path, name);
      if (!bytes) return { ledger: emptyLedger(), version: null };
      return { ledger: parseLedgerText(bytes.toString("utf8"), name), version: hashBytes(bytes) };
    },
    async write(ledger, expected) {
      const current = await readBytes(path, name);
      if ((current ? hashBytes(current) : null) !== expected) {
        throw new LedgerConflictError(`${name} changed since it was read (${current ? "edited by another run or by hand" : "removed"})`);
      }
      const text = serializeLedger(ledger);
      if (!current) await makeFolder(dirname(path), name);
      writeFileAtomic(path, text, { name });
      return hashBytes(Buffer.from(text, "utf8"));
    },
  };
}

/** The file's bytes, or undefined when there is none yet. */
async function readBytes(path: string, name: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw new HeadscoutError(`cannot read ${name}: ${describeFsError(error)}`, { cause: error, causeDescribed: true });
  }
}

/** `--ledger state/ledger.json` on a first run: the folder is made too. */
async function makeFolder(folder: string, name: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new HeadscoutError(`cannot create the folder of ${name}: ${describeFsError(error)}`, { cause: error, causeDescribed: true });
  }
}

function hashBytes(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
