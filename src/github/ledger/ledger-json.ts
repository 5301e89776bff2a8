import type { z } from "zod";
import { HeadscoutError, quoteExcerpt } from "../../errors.ts";
import { LEDGER_VERSION, ledgerSchema, type Ledger } from "./schema.ts";

/**
 * Reads a ledger document. `where` names it ("ledger.json on branch headscout-state of o/r", a
 * path). A document that is not JSON, has another version, or fails validation is an error that
 * names each bad key path: a hand edit gone wrong is reported, never replaced by an empty ledger.
 */
export function parseLedgerText(text: string, where: string): Ledger {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HeadscoutError(`${where} is not valid JSON (${quoteExcerpt(error instanceof Error ? error.message : String(error), 120)}); fix or revert the last edit`, {
      cause: error,
      causeDescribed: true,
    });
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version !== LEDGER_VERSION) {
    throw new HeadscoutError(`${where} has version ${version}; this headscout reads version ${LEDGER_VERSION} only${version > LEDGER_VERSION ? " (upgrade headscout)" : ""}`);
  }
  const parsed = ledgerSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${formatKeyPath(issue.path)}: ${issue.message}`).join("\n");
    throw new HeadscoutError(`${where} is not a valid ledger; fix or revert the last edit:\n${problems}`, { cause: parsed.error, causeDescribed: true });
  }
  return parsed.data;
}

/**
 * `papers["arxiv:2404.15574"].state`: keys that are not plain names are quoted, since paper keys
 * hold dots and colons.
 */
export function formatKeyPath(path: readonly PropertyKey[] | z.core.$ZodIssue["path"]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/**
 * The document as stored: two-space JSON, fields in the schema's order and papers and days sorted,
 * so that one scan's commit diffs as the few lines it changed.
 */
export function serializeLedger(ledger: Ledger): string {
  const canonical = ledgerSchema.parse(ledger);
  const sorted: Ledger = { ...canonical, papers: sortKeys(canonical.papers), spend: sortKeys(canonical.spend) };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
