import type { Config } from "../../config/schema.ts";
import { identityKey, identityOfPaper } from "../../paper/identity.ts";
import type { RecalledPapers, ScanResult } from "../../scan/run-scan.ts";
import type { SearchWindow } from "../../sources/arxiv/build-query.ts";
import type { Paper } from "../../sources/paper.ts";
import { readSourceSettings } from "../../sources/settings.ts";
import { recallFromLedger } from "./recall-from-ledger.ts";
import { recordScan, type RecordScanOptions } from "./record-scan.ts";
import type { Ledger, ScanSummary } from "./schema.ts";
import { updateLedger, type LedgerStore } from "./store.ts";
import { windowForScan } from "./window-for.ts";

/** A scan's use of a ledger: its memory going in, its window, and the record coming out. */
export interface ScanLedger {
  /** The ledger as read before the scan. */
  ledger: Ledger;
  recall: (found: readonly Paper[]) => RecalledPapers;
  /** The window to search when none was given. */
  window(config: Pick<Config, "sources" | "schedule">, env: Record<string, string | undefined>, now: Date): SearchWindow;
  /** Folds the scan into the ledger as it is by then (compare-and-swap, re-applied on conflict). */
  record(result: ScanResult, options: RecordScanOptions): Promise<ScanSummary>;
}

export async function openScanLedger(store: LedgerStore): Promise<ScanLedger> {
  const { ledger } = await store.read();
  return {
    ledger,
    recall: recallFromLedger(ledger),
    window: (config, env, now) => windowForScan(ledger, config, readSourceSettings(env), now),
    async record(result, options) {
      let summary: ScanSummary | undefined;
      await updateLedger(store, (latest) => void (summary = recordScan(latest, result, options)), `headscout: ${options.trigger} scan at ${options.at.toISOString()}`);
      return summary!;
    },
  };
}

/** What the ledger did to a scan, for `scan --json`. */
export function ledgerReportJson(result: ScanResult) {
  return {
    skipped: (result.skipped ?? []).map((s) => ({ title: s.paper.title, key: s.key, reason: s.reason })),
    retried: (result.retried ?? []).map((paper) => ({ title: paper.title, key: identityKey(identityOfPaper(paper)) })),
  };
}

/** One line for the CLI: "ledger L: 3 papers skipped (decided in earlier scans), 1 tried again; recorded". */
export function describeLedgerUse(name: string, result: ScanResult): string {
  const skipped = result.skipped?.length ?? 0;
  const retried = result.retried?.length ?? 0;
  return `ledger ${name}: ${skipped} ${skipped === 1 ? "paper" : "papers"} skipped (decided in earlier scans), ${retried} from earlier scans tried again; this scan recorded`;
}
