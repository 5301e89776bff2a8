import { describePending, describeRejection, formatDay, formatInstant, judgeOf, prRef, quotedRationale, shownText, shownTitle } from "../commands/describe-record.ts";
import type { Ledger, PaperRecord, ScanSummary } from "../ledger/schema.ts";
import { countOf } from "../proposal/describe-paper.ts";
import { sourceLabel } from "../proposal/describe-source.ts";
import { codeSpan } from "../proposal/escape.ts";
import { hiddenData, hiddenLabel, linesOutsideCode, readHiddenData } from "../proposal/hidden-data.ts";
import { DEFAULT_COMMAND } from "../proposal/types.ts";
import { heldForMaintainer, monthSpend, nearMisses, openProposals, rejectedPapers, sourceHealth, waitingForNextScan, type SourceHealth } from "./dashboard-data.ts";

/** The dashboard issue's title; the issue is found again by its marker, never by the title. */
export const DASHBOARD_TITLE = "headscout dashboard";
export const DASHBOARD_FORMAT_VERSION = 1;
/** GitHub takes 65,536 characters; the body stays well below. */
export const DASHBOARD_MAX_CHARS = 60_000;

export interface DashboardLimits {
  proposals: number;
  nearMisses: number;
  held: number;
  rejected: number;
}

/** How many items each list shows before "… and N more". */
export const DASHBOARD_LIMITS: DashboardLimits = { proposals: 20, nearMisses: 25, held: 20, rejected: 15 };

export interface DashboardInput {
  ledger: Ledger;
  /** When the body is rendered (shown, and the month the spend is summed over). */
  now: Date;
  /** `dashboard.nearMissFloor`. */
  nearMissFloor: number;
  /** The catalog file, as the repository names it. */
  catalogPath?: string;
  /** How maintainers address the bot: "@headscout". */
  command?: string;
  /** Plain-text notes shown at the top (a ticked near miss that could not be proposed, and why); escaped here. */
  notes?: readonly string[];
  limits?: Partial<DashboardLimits>;
}

const MARKER = "dashboard";
const NEAR_MISSES = "near-misses";
const NEAR_MISS = "near-miss";
const MAX_NOTES = 10;

// The operator's endpoints (a mirror, a query string) are no one else's business.
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>]*[^\s"'<>.,:;)]/gi;

/** A paper's page from its identifiers, only when they have the shape ids have (the ledger can be edited by hand). */
function paperUrl(record: PaperRecord): string | undefined {
  const { arxiv, openreview } = record.identity;
  if (arxiv && /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/.test(arxiv)) return `https://arxiv.org/abs/${arxiv}`;
  if (openreview && /^[A-Za-z0-9_-]+$/.test(openreview)) return `https://openreview.net/forum?id=${openreview}`;
  return undefined;
}

/** "[Title](https://arxiv.org/abs/…) (`arxiv:…`)": the title escaped (its brackets too), the link built from the id. */
function linkedPaper(key: string, record: PaperRecord): string {
  const url = paperUrl(record);
  const title = shownTitle(record.title);
  return `${url ? `[${title}](${url})` : title} (${codeSpan(key)})`;
}

function bounded<T>(items: readonly T[], limit: number, render: (item: T) => string, more: (n: number) => string): string[] {
  const lines = items.slice(0, limit).map(render);
  if (items.length > limit) lines.push(more(items.length - limit));
  return lines;
}

const TRIGGERS: Record<ScanSummary["trigger"], string> = { schedule: "the schedule", command: "a command", cli: "the CLI", action: "the GitHub Action" };

function describeHealth(health: SourceHealth): string {
  const last = health.last;
  if (!last) return "not searched yet";
  const reason = last.reason ? `: ${shownText(last.reason.replace(URL_PATTERN, "its endpoint"))}` : "";
  switch (last.status) {
    case "ok":
      return "✅ ok";
    case "empty":
      return "✅ ok, nothing new in its window";
    case "failed":
      return `❌ **failed**${health.failedInARow > 1 ? ` (${health.failedInARow} scans in a row)` : ""}${reason}`;
    case "unavailable":
      return `⚪ not searched${reason}`;
  }
}

function sourcesSection(ledger: Ledger): string[] {
  const last = ledger.scans.at(-1);
  if (!last) return ["### Sources", "", "No scan has run yet."];
  const interrupted = last.interrupted
    ? [`Last scan: ${formatInstant(last.at)}, started by ${TRIGGERS[last.trigger]}: **interrupted** (the app stopped before it finished); the next scan searches its window again.`, ""]
    : [];
  const latest = ledger.scans.filter((scan) => !scan.interrupted).at(-1);
  if (!latest) return ["### Sources", "", ...interrupted];
  const rows = sourceHealth(ledger).map(
    (h) => `| ${sourceLabel(h.name)} | ${h.last ? `${formatInstant(h.last.at)} (${TRIGGERS[h.last.trigger]})` : "—"} | ${describeHealth(h)} | ${h.searchedUpTo ? formatInstant(h.searchedUpTo) : "never"} |`,
  );
  const c = latest.counts;
  const prs = latest.prs ? [...latest.prs.opened, ...latest.prs.updated] : [];
  return [
    "### Sources",
    "",
    "| Source | Last searched | Result | Searched successfully up to |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...interrupted,
    `${interrupted.length ? "Last completed scan" : "Last scan"}: ${formatInstant(latest.at)}, started by ${TRIGGERS[latest.trigger]}${latest.sources ? "" : " (papers from a file)"}: ${c.found} found, ${c.known} already in the catalog, ${c.skipped} skipped (decided before), ${c.triaged} triaged (${c.relevant} relevant, ${c.irrelevant} irrelevant, ${c.pending} pending), ${c.proposed} proposed${prs.length ? ` (${prs.map((n) => prRef(n)).join(", ")})` : ""}.`,
    "",
    "A failed source is not the same as an empty one: what it would have found is unknown, and the next scan searches its window again.",
  ];
}

function proposalsSection(ledger: Ledger, limit: number, command: string): string[] {
  const open = openProposals(ledger);
  const lines = bounded(
    open,
    limit,
    ({ pr, proposal }) =>
      `- ${prRef(pr)} — ${proposal.mode}, ${countOf(proposal.papers.length, "paper")}, opened ${formatDay(proposal.openedAt)}, updated ${formatDay(proposal.updatedAt)}${
        proposal.humanPushNoticed ? ` — someone else pushed to it, so headscout leaves it alone (${codeSpan(`${command} recreate`)} on it rebuilds it)` : ""
      }`,
    (n) => `- … and ${n} more`,
  );
  return ["### Open pull requests", "", ...(lines.length ? lines : ["None."])];
}

function nearMissesSection(ledger: Ledger, floor: number, limit: number): string[] {
  const misses = nearMisses(ledger, floor);
  const intro = `Papers judged not about attention heads, but only just: a relevance of at least ${floor.toFixed(2)}, below the threshold they were judged by. **Tick a box** and headscout proposes that paper (as if a maintainer had commented \`add\`).`;
  if (misses.length === 0) return ["### Near misses", "", intro, "", "None."];
  const lines = bounded(
    misses,
    limit,
    ({ key, record, relevance }) => {
      const verdict = record.verdict!;
      const why = verdict.rationale ? `: ${quotedRationale(verdict.rationale, 160)}` : "";
      return `- [ ] ${linkedPaper(key, record)} — relevance ${relevance.toFixed(2)}, ${judgeOf(verdict)}, ${formatDay(verdict.at)}${why} ${hiddenData(NEAR_MISS, key)}`;
    },
    (n) => `- … and ${n} more, less relevant`,
  );
  return ["### Near misses", "", intro, "", hiddenLabel(NEAR_MISSES), ...lines, hiddenLabel(`/${NEAR_MISSES}`)];
}

function heldSection(ledger: Ledger, limit: number, command: string): string[] {
  const held = heldForMaintainer(ledger);
  const waiting = waitingForNextScan(ledger);
  const lines = bounded(
    held,
    limit,
    ({ key, record }) => `- ${linkedPaper(key, record)} — ${describePending(record)}; since ${formatDay(record.verdict?.at ?? record.lastSeen)}. ${codeSpan(`${command} add ${key}`)} proposes it.`,
    (n) => `- … and ${n} more`,
  );
  return [
    "### Needs manual triage",
    "",
    ...(lines.length ? ["Papers triage could not decide: judge them yourself.", "", ...lines] : ["None."]),
    ...(waiting
      ? ["", `${waiting === 1 ? "1 more paper waits" : `${waiting} more papers wait`} for the next scan (a per-run cap, an LLM outage or a lifted rejection); headscout tries ${waiting === 1 ? "it" : "them"} again every scan.`]
      : []),
  ];
}

function rejectedSection(ledger: Ledger, limit: number, command: string): string[] {
  const rejected = rejectedPapers(ledger);
  const lines = bounded(
    rejected,
    limit,
    ({ key, record }) => `- ${linkedPaper(key, record)} — ${describeRejection(record)}. ${codeSpan(`${command} reconsider ${key}`)}`,
    (n) => `- … and ${n} more (${codeSpan(`${command} why-not <paper id>`)} tells about any of them)`,
  );
  return [
    "### Recently rejected",
    "",
    ...(lines.length ? [`headscout will not propose these again. To change your mind, comment the ${codeSpan(`${command} reconsider <paper id>`)} shown beside one.`, "", ...lines] : ["None."]),
  ];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// "USD 0.42", not "$0.42": two dollar signs on a line can open GitHub's math.
function formatUsd(amount: number): string {
  return `USD ${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`;
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function spendSection(ledger: Ledger, now: Date): string[] {
  const { month, today } = monthSpend(ledger, now);
  const name = `${MONTHS[now.getUTCMonth()]} ${now.getUTCFullYear()}`;
  const line =
    month.calls === 0 && month.tokens === 0
      ? `No LLM calls in ${name} so far.`
      : `${name} so far: about ${formatUsd(month.costUsd)} for ${countOf(month.calls, "LLM call")} and ${formatCount(month.tokens)} tokens (today: ${formatUsd(today.costUsd)}, ${countOf(today.calls, "call")}). Estimated from the operator's prices.`;
  return ["### LLM spend", "", line];
}

function render(input: DashboardInput, limits: DashboardLimits): string {
  const command = input.command ?? DEFAULT_COMMAND;
  const { ledger, now } = input;
  const notes = (input.notes ?? []).slice(0, MAX_NOTES).map((note) => `> ${shownText(note)}`);
  return [
    `headscout keeps this issue up to date${input.catalogPath ? ` for ${codeSpan(input.catalogPath)}` : ""}: it is rewritten after every scan (last rewritten ${formatInstant(now.toISOString())}), so edits other than ticking a near miss are lost. Close it to stop the updates; reopen it to have them again. ${codeSpan(`${command} help`)} lists the commands.`,
    ...(notes.length ? ["", ...notes] : []),
    "",
    ...sourcesSection(ledger),
    "",
    ...proposalsSection(ledger, limits.proposals, command),
    "",
    ...nearMissesSection(ledger, input.nearMissFloor, limits.nearMisses),
    "",
    ...heldSection(ledger, limits.held, command),
    "",
    ...rejectedSection(ledger, limits.rejected, command),
    "",
    ...spendSection(ledger, now),
    "",
    hiddenData(MARKER, { version: DASHBOARD_FORMAT_VERSION }),
    "",
  ].join("\n");
}

/**
 * The dashboard issue's body: each source's latest search and its health (failed is not empty),
 * open bot pull requests, near misses with a box each, papers held for a maintainer, recent
 * rejections with the command that lifts each, this month's LLM spend, and the hidden marker the
 * issue is found again by. Every text from the ledger is escaped; lists are bounded ("… and N
 * more") and shortened further until the body fits `DASHBOARD_MAX_CHARS`. Pure.
 */
export function renderDashboard(input: DashboardInput): string {
  const limits = { ...DASHBOARD_LIMITS, ...input.limits };
  let body = "";
  for (const scale of [1, 0.5, 0.25, 0.1, 0]) {
    const scaled = Object.fromEntries(Object.entries(limits).map(([name, n]) => [name, Math.floor(n * scale)])) as unknown as DashboardLimits;
    body = render(input, scaled);
    if (body.length <= DASHBOARD_MAX_CHARS) return body;
  }
  return body;
}

/** Whether a body is headscout's dashboard (its marker outside code blocks). */
export function isDashboardBody(body: string): boolean {
  return readHiddenData(linesOutsideCode(body).join("\n"), MARKER).some((value) => typeof value === "object" && value !== null && "version" in value);
}

const TICKED = /^\s{0,3}[-*+]\s+\[[xX]\]\s/;

/**
 * The keys of the near misses a maintainer ticked on the dashboard, in order, each once: only task
 * lines between the section's own markers, outside code blocks, with a near-miss marker. headscout
 * renders every box unticked, so any ticked one is a request. The caller proposes only keys that
 * are near misses in the ledger (`isNearMiss`).
 */
export function readTickedNearMisses(body: string): string[] {
  if (!isDashboardBody(body)) return [];
  const keys: string[] = [];
  let inside = false;
  for (const line of linesOutsideCode(body)) {
    const label = /^\s*<!--\s*headscout:(\/?near-misses)\s*-->\s*$/.exec(line)?.[1];
    if (label === NEAR_MISSES) inside = true;
    else if (label === `/${NEAR_MISSES}`) inside = false;
    if (!inside || label || !TICKED.test(line)) continue;
    const key = readHiddenData(line, NEAR_MISS).at(-1);
    if (typeof key === "string" && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

