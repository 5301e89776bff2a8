import { reportJson } from "../triage/report-json.ts";
import type { ScanResult } from "./run-scan.ts";

/** A scan's result as JSON (`scan --json`, later the app's log and the Action's output). */
export function scanReportJson(result: ScanResult) {
  return {
    ...(result.sources ? { sources: result.sources } : {}),
    found: result.found,
    known: result.known.map((k) => ({ title: k.paper.title, key: k.key, catalogTitle: k.entryTitle, line: k.line })),
    triage: { ...reportJson(result.triage), notes: result.triage.notes },
    proposed: result.edit.inserted,
    refused: result.edit.refused.map((r) => ({ title: r.draft.entry.title, reason: r.reason })),
    insertions: result.insertions,
  };
}
