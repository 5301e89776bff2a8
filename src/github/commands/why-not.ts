import type { CatalogDocument, ParsedEntry } from "../../catalog/document.ts";
import { IdentityIndex, identityOfEntry, type PaperIdentity } from "../../paper/identity.ts";
import type { SourceName } from "../../sources/report.ts";
import type { PrefilterResult } from "../../triage/prefilter.ts";
import { findPaperKey } from "../ledger/find-paper.ts";
import { LEDGER_LIMITS, type Ledger, type PaperRecord } from "../ledger/schema.ts";
import { sourceLabel } from "../proposal/describe-source.ts";
import { codeSpan, escapeForGitHub } from "../proposal/escape.ts";
import { DEFAULT_COMMAND } from "../proposal/types.ts";
import { describePending, describeRejection, formatDay, judgeOf, needsPerson, paperLabel, prRef, quotedRationale, shownText } from "./describe-record.ts";
import type { PaperRef } from "./paper-ref.ts";

export interface WhyNotInput {
  paper: PaperRef;
  ledger: Ledger;
  /** The catalog as the default branch has it now, when it could be read, and its path. */
  catalog?: { document: CatalogDocument; path: string };
  /**
   * The prefilter run again on the paper (the wiring may fetch it: the ledger keeps no text of a
   * paper the prefilter filtered out), so the answer can name the rules that fired.
   */
  prefilter?: PrefilterResult & { threshold: number };
  /** How maintainers address the bot: "@headscout". */
  command?: string;
}

export type WhyNotKind =
  | "listed"
  | "never-seen"
  | "prefiltered"
  | "irrelevant"
  | "waiting"
  | "held"
  | "pending"
  | "proposed"
  | "merged"
  | "rejected"
  | "was-listed";

export interface WhyNotAnswer {
  kind: WhyNotKind;
  /** The ledger's key for the paper, when the ledger knows it. */
  key?: string;
  /** The reply, escaped, a few sentences. */
  reply: string;
}

/** The catalog row a paper is, if the catalog lists it. */
function catalogRow(document: CatalogDocument, identities: readonly PaperIdentity[]): ParsedEntry | undefined {
  const index = new IdentityIndex<ParsedEntry>();
  for (const parsed of document.entries) index.add(identityOfEntry(parsed.entry), parsed);
  for (const identity of identities) {
    const hit = index.find(identity);
    if (hit) return hit.item;
  }
  return undefined;
}

function describeRow(row: ParsedEntry, path: string): string {
  const { entry } = row;
  return `${codeSpan(path)} line ${row.start + 1}, “${shownText(entry.title, 200)}” (${escapeForGitHub(entry.date)}${entry.section ? `, ${shownText(entry.section, 60)}` : ""})`;
}

/** "arXiv up to 2026-06-03 and OpenReview up to 2026-05-30", from the ledger's windows. */
function searchedSoFar(ledger: Ledger): string | undefined {
  const ends = (Object.entries(ledger.windows) as [SourceName, string][]).map(([name, end]) => `${sourceLabel(name)} up to ${formatDay(end)}`);
  return ends.length ? ends.join(" and ") : undefined;
}

function describePrefilter(prefilter: WhyNotInput["prefilter"]): string {
  if (!prefilter) return "";
  const fired = prefilter.signals.filter((s) => s.weight !== 0).map((s) => `${escapeForGitHub(s.rule)} “${shownText(s.match, 60)}” (${s.weight > 0 ? "+" : ""}${s.weight})`);
  return ` Its title and abstract score ${prefilter.score} (${prefilter.threshold} needed): ${fired.length ? fired.join(", ") : "no rule fired"}.`;
}

/**
 * Why headscout has not proposed a paper (or where it did), from the ledger and the catalog: already
 * listed (which row), never seen, filtered out by the prefilter (its rules), judged irrelevant (the
 * rationale), relevant and waiting, held (why), pending, proposed (which pull request), merged,
 * rejected (when, where, by whom, how). Pure; every text from the ledger or the catalog is escaped.
 */
export function whyNot(input: WhyNotInput): WhyNotAnswer {
  const { paper, ledger } = input;
  const command = input.command ?? DEFAULT_COMMAND;
  const key = findPaperKey(ledger, paper.key);
  const record = key ? ledger.papers[key] : undefined;
  const label = record ? paperLabel(record.title, key!) : codeSpan(paper.key);
  const add = `${codeSpan(`${command} add ${paper.key}`)} proposes it anyway.`;
  const withKey = (kind: WhyNotKind, reply: string): WhyNotAnswer => ({ kind, ...(key ? { key } : {}), reply });

  const row = input.catalog ? catalogRow(input.catalog.document, record ? [record.identity, paper.identity] : [paper.identity]) : undefined;
  if (row) {
    const merged = record?.state === "merged" && record.proposal ? ` (added by ${prRef(record.proposal)})` : "";
    return withKey("listed", `${label} is already in the catalog${merged}: ${describeRow(row, input.catalog!.path)}.`);
  }
  if (!record) {
    const searched = searchedSoFar(ledger);
    return withKey(
      "never-seen",
      `No scan has found ${label}${searched ? ` (headscout has searched ${searched})` : " yet: no scan has run"}. A paper outside the configured arXiv categories and search phrases, or older than the first search window, is never found; one the prefilter turned away is forgotten ${LEDGER_LIMITS.prefilteredDays} days after a scan last saw it. ${add}`,
    );
  }
  return withKey(...answerFromRecord(record, { label, add, command, paperKey: key!, prefilter: input.prefilter, catalogRead: input.catalog !== undefined }));
}

function answerFromRecord(
  record: PaperRecord,
  context: { label: string; add: string; command: string; paperKey: string; prefilter: WhyNotInput["prefilter"]; catalogRead: boolean },
): [WhyNotKind, string] {
  const { label, add, command, paperKey } = context;
  const verdict = record.verdict;
  switch (record.state) {
    case "proposed":
      return ["proposed", `${label} is proposed in ${prRef(record.proposal)}: review it there.`];
    case "merged":
      return ["merged", `${label} was merged in ${prRef(record.proposal)}${context.catalogRead ? ", but the catalog does not list it now (someone took the row out)" : ""}.`];
    case "rejected":
      return ["rejected", `${label} was rejected: ${describeRejection(record)}. headscout will not propose it again; ${codeSpan(`${command} reconsider ${paperKey}`)} lifts that.`];
    case "listed":
      return ["was-listed", `A scan on ${formatDay(record.lastSeen)} found ${label} in the catalog${context.catalogRead ? `; it is not there now, but scans still skip it as listed. ${add}` : "."}`];
    case "pending":
      if (needsPerson(record)) return ["held", `${label} is held for a maintainer since ${formatDay(verdict!.at)}: ${describePending(record)}. ${add}`];
      return ["pending", `${label} is not judged yet: ${describePending(record)}.`];
    case "judged":
      if (!verdict || verdict.decision === "relevant") {
        return ["waiting", `${label} was judged relevant${verdict ? ` on ${formatDay(verdict.at)} by ${judgeOf(verdict)}` : ""} and waits for a pull request (one was full, or too many were open): the next scan proposes it.`];
      }
      if (verdict.stage === "prefilter") {
        return [
          "prefiltered",
          `${label} was filtered out by the keyword prefilter on ${formatDay(verdict.at)}, before any model saw it${verdict.rationale ? ` (${shownText(verdict.rationale)})` : ""}: the prefilter lets through papers whose title or abstract speaks of attention heads (head types from the registry, "attention head", head coordinates such as L5H1, circuit vocabulary).${describePrefilter(context.prefilter)} ${add}`,
        ];
      }
      return [
        "irrelevant",
        `${label} was judged not about attention heads by ${judgeOf(verdict)} on ${formatDay(verdict.at)}${verdict.confidence !== undefined ? ` (confidence ${verdict.confidence.toFixed(2)})` : ""}${verdict.rationale ? `: ${quotedRationale(verdict.rationale)}` : ""}. ${add}`,
      ];
  }
}

/**
 * What `add` answers instead of proposing a paper the catalog already lists or an open pull request
 * already proposes (where it is); undefined when `add` should go ahead — a maintainer asked, so a
 * paper judged irrelevant, filtered out, held or even rejected is proposed (the wiring lifts a
 * rejection first).
 */
export function addBlocker(input: WhyNotInput): WhyNotAnswer | undefined {
  const answer = whyNot(input);
  return answer.kind === "listed" || answer.kind === "proposed" ? answer : undefined;
}
