import { createHash } from "node:crypto";
import type { CatalogDocument } from "../../catalog/document.ts";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { dropKnownPapers } from "../../scan/drop-known-papers.ts";
import type { Paper } from "../../sources/paper.ts";
import type { PullRequestsConfig } from "../app-config.ts";
import { createCommit, moveBranch, readBranchHead } from "../git-data.ts";
import { findPaperKey } from "../ledger/find-paper.ts";
import type { ProposalUpdate } from "../ledger/record-proposal.ts";
import type { Ledger, ProposalRecord } from "../ledger/schema.ts";
import { renderHumanPushNotice, type ProposalProvenance, type ProposedPaper } from "../proposal/index.ts";
import type { GitHub, RepoRef } from "../repo.ts";
import { buildProposal } from "./build-proposal.ts";
import { openPullRequest, proposalTitle } from "./pull-request.ts";

export interface ProposeContext {
  github: GitHub;
  repo: RepoRef;
  defaultBranch: string;
  /** The default branch's head the catalog was read at: every proposal is built on it. */
  baseSha: string;
  catalogPath: string;
  catalog: { text: string; document: CatalogDocument };
  config: PullRequestsConfig;
  /** The ledger as read at the start of the scan. */
  ledger: Ledger;
  provenance: ProposalProvenance;
  command: string;
  registry: HeadRegistry;
  now: Date;
  /** Pull requests rebuilt even when nothing seems to have changed (a command changed their details). */
  force?: readonly number[];
}

export interface ProposalOutcome {
  pullRequests: { number: number; url: string; action: "opened" | "updated"; papers: string[] }[];
  /** For the ledger, once the scan is recorded. */
  records: ProposalUpdate[];
  /** Pull requests whose "left alone" notice was posted now. */
  noticed: number[];
  /** Relevant papers not proposed this time, and why (they are tried again next scan). */
  waiting: { key: string; title: string; reason: string }[];
}

function openProposals(ledger: Ledger, mode?: ProposalRecord["mode"]): [number, ProposalRecord][] {
  return Object.entries(ledger.proposals)
    .filter(([, p]) => p.state === "open" && (!mode || p.mode === mode))
    .map(([n, p]) => [Number(n), p]);
}

/** The papers a proposal record holds, as its body showed them. */
export function papersOf(record: ProposalRecord): ProposedPaper[] {
  return record.details.map((d) => ({ draft: d.draft, verdict: d.verdict }) as ProposedPaper);
}

/** Those of a proposal's papers the catalog does not list yet (a maintainer may have added one by hand). */
function stillNew(papers: readonly ProposedPaper[], document: CatalogDocument): { kept: ProposedPaper[]; listed: ProposedPaper[] } {
  const { known } = dropKnownPapers(papers.map((p) => p.verdict.paper as Paper), document.entries);
  const listed = new Set(known.map((k) => k.paper));
  return { kept: papers.filter((p) => !listed.has(p.verdict.paper)), listed: papers.filter((p) => listed.has(p.verdict.paper)) };
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
}

/**
 * A short digest of the papers a branch proposes: two proposals in one minute get two branches,
 * while two replicas proposing the same papers at once still race for one (and one wins).
 */
function digest(keys: readonly string[]): string {
  return createHash("sha256").update([...keys].sort().join("\n")).digest("hex").slice(0, 7);
}

function slug(key: string): string {
  return key.replace(/[^A-Za-z0-9.]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
}

const waitAll = (papers: readonly ProposedPaper[], reason: string) => papers.map((p) => ({ key: p.draft.key, title: p.draft.entry.title, reason }));

/**
 * Puts relevant papers into pull requests, as the config's mode says, on the latest default
 * branch: into the open grouped pull request (rebuilt on the new base, dropping what the catalog
 * now lists) or a new one; or one pull request per paper. A branch someone else pushed to is left
 * alone, and said so once. With `fresh` empty this only rebuilds open pull requests (the default
 * branch moved).
 */
export async function proposePapers(fresh: readonly ProposedPaper[], ctx: ProposeContext): Promise<ProposalOutcome> {
  const outcome: ProposalOutcome = { pullRequests: [], records: [], noticed: [], waiting: [] };
  // Per-paper pull requests (the mode's, or an issue-form submission's in either mode) follow the base too.
  for (const [number, record] of openProposals(ctx.ledger, "per-paper")) await rebuild(number, record, [], ctx, outcome);
  if (ctx.config.mode === "grouped") await proposeGrouped(fresh, ctx, outcome);
  else await proposeEach(fresh, ctx, outcome);
  return outcome;
}

async function proposeGrouped(fresh: readonly ProposedPaper[], ctx: ProposeContext, outcome: ProposalOutcome): Promise<void> {
  const [open] = openProposals(ctx.ledger, "grouped");
  if (open) {
    const rebuilt = await rebuild(open[0], open[1], fresh, ctx, outcome);
    if (rebuilt !== "gone") return;
  }
  if (fresh.length === 0) return;
  if (openProposals(ctx.ledger).length >= ctx.config.maxOpen) {
    outcome.waiting.push(...waitAll(fresh, `${ctx.config.maxOpen} headscout pull requests are open (pullRequests.maxOpen)`));
    return;
  }
  const papers = fresh.slice(0, ctx.config.maxPapersPerPullRequest);
  await open_(papers, `headscout/papers-${stamp(ctx.now)}-${digest(papers.map((p) => p.draft.key))}`, ctx, outcome);
  outcome.waiting.push(...waitAll(fresh.slice(ctx.config.maxPapersPerPullRequest), "waits for the next pull request (pullRequests.maxPapersPerPullRequest)"));
}

async function proposeEach(fresh: readonly ProposedPaper[], ctx: ProposeContext, outcome: ProposalOutcome): Promise<void> {
  let room = ctx.config.maxOpen - openProposals(ctx.ledger).length;
  for (const paper of fresh) {
    if (room <= 0) {
      outcome.waiting.push(...waitAll([paper], `${ctx.config.maxOpen} headscout pull requests are open (pullRequests.maxOpen)`));
      continue;
    }
    await open_([paper], `headscout/paper-${slug(paper.draft.key)}-${stamp(ctx.now)}`, ctx, outcome);
    room--;
  }
}

async function open_(papers: readonly ProposedPaper[], branch: string, ctx: ProposeContext, outcome: ProposalOutcome): Promise<void> {
  const built = buildProposal(ctx.catalog, papers, { mode: ctx.config.mode, catalogPath: ctx.catalogPath, provenance: ctx.provenance, command: ctx.command }, ctx.registry);
  outcome.waiting.push(...built.left.map((l) => ({ key: l.paper.draft.key, title: l.paper.draft.entry.title, reason: l.reason })));
  if (built.included.length === 0) return;
  const titles = built.included.map((p) => p.draft.entry.title);
  const head = await createCommit(ctx.github, ctx.repo, { parent: ctx.baseSha, files: { [ctx.catalogPath]: built.document }, message: commitMessage(titles, ctx.catalogPath) });
  await moveBranch(ctx.github, ctx.repo, branch, head, undefined);
  const pr = await openPullRequest(ctx.github, ctx.repo, { head: branch, base: ctx.defaultBranch, title: proposalTitle(titles), body: built.body }, ctx.config);
  outcome.pullRequests.push({ number: pr.number, url: pr.url, action: "opened", papers: built.included.map((p) => p.draft.key) });
  outcome.records.push(record(pr.number, branch, ctx.config.mode, built.included, head, ctx.provenance, ctx));
}

/**
 * Rebuilds an open pull request on the current default branch with its papers (less those the
 * catalog now lists) and any new ones. "gone": its branch no longer exists; "left": someone else
 * pushed to it; "done" otherwise.
 */
async function rebuild(number: number, proposal: ProposalRecord, fresh: readonly ProposedPaper[], ctx: ProposeContext, outcome: ProposalOutcome): Promise<"gone" | "left" | "done"> {
  const head = await readBranchHead(ctx.github, ctx.repo, proposal.branch);
  if (head === undefined) return "gone";
  const pusher = head === proposal.headSha ? undefined : await someoneElse(ctx, head, proposal.headSha);
  if (pusher !== undefined) {
    if (!proposal.humanPushNoticed) {
      await ctx.github.rest.issues.createComment({ ...ctx.repo, issue_number: number, body: renderHumanPushNotice(proposal.branch, pusher) });
      outcome.noticed.push(number);
    }
    outcome.waiting.push(...waitAll(fresh, `the open pull request #${number} has commits by someone else; headscout leaves it alone`));
    return "left";
  }
  const current = papersOf(proposal);
  // Unticked (or otherwise rejected) since the pull request was built: taken out.
  const rejected = (p: ProposedPaper) => ctx.ledger.papers[findPaperKey(ctx.ledger, p.draft.key) ?? ""]?.state === "rejected";
  const { kept, listed } = stillNew(current.filter((p) => !rejected(p)), ctx.catalog.document);
  const room = Math.max(0, ctx.config.maxPapersPerPullRequest - kept.length);
  const added = fresh.slice(0, room);
  outcome.waiting.push(...waitAll(fresh.slice(room), "waits for the next pull request (pullRequests.maxPapersPerPullRequest)"));
  const upToDate = !ctx.force?.includes(number) && proposal.baseSha === ctx.baseSha && added.length === 0 && listed.length === 0 && kept.length === current.length;
  if (upToDate) return "done";
  const papers = [...kept, ...added];
  if (papers.length === 0) {
    // Nothing is left to add (listed by now, or unticked): the pull request closes.
    await ctx.github.rest.issues.createComment({ ...ctx.repo, issue_number: number, body: "No paper is left for this pull request to add, so headscout closes it." });
    await ctx.github.rest.pulls.update({ ...ctx.repo, pull_number: number, state: "closed" });
    return "done";
  }
  const notes = listed.length ? [`Dropped on rebuilding: the catalog lists ${listed.map((p) => p.draft.entry.title).join("; ")} now.`] : [];
  const provenance = added.length === 0 && proposal.provenance ? (proposal.provenance as ProposalProvenance) : ctx.provenance;
  const built = buildProposal(ctx.catalog, papers, { mode: proposal.mode, catalogPath: ctx.catalogPath, provenance, command: ctx.command, notes }, ctx.registry);
  outcome.waiting.push(...built.left.map((l) => ({ key: l.paper.draft.key, title: l.paper.draft.entry.title, reason: l.reason })));
  const titles = built.included.map((p) => p.draft.entry.title);
  const commit = await createCommit(ctx.github, ctx.repo, { parent: ctx.baseSha, files: { [ctx.catalogPath]: built.document }, message: commitMessage(titles, ctx.catalogPath) });
  await moveBranch(ctx.github, ctx.repo, proposal.branch, commit, head);
  const { data: pr } = await ctx.github.rest.pulls.update({ ...ctx.repo, pull_number: number, title: proposalTitle(titles), body: built.body });
  outcome.pullRequests.push({ number, url: pr.html_url, action: "updated", papers: built.included.map((p) => p.draft.key) });
  outcome.records.push(record(number, proposal.branch, proposal.mode, built.included, commit, provenance, ctx));
  return "done";
}

/**
 * Who made a branch's head when it is not the commit the ledger recorded: undefined when the bot
 * did (another of its jobs or replicas rebuilt the pull request since this one read the ledger;
 * its commits carry the same author as the recorded one), else that person's name.
 */
async function someoneElse(ctx: ProposeContext, head: string, recorded: string): Promise<string | undefined> {
  const read = (sha: string) => ctx.github.rest.git.getCommit({ ...ctx.repo, commit_sha: sha }).then(({ data }) => data);
  const [commit, ours] = await Promise.all([read(head), read(recorded).catch(() => undefined)]);
  const same = (a?: { email?: string } | null, b?: { email?: string } | null) => Boolean(a?.email) && a?.email === b?.email;
  if (ours && same(commit.author, ours.author) && same(commit.committer, ours.committer)) return undefined;
  return commit.author?.name ?? "someone";
}

function record(
  pr: number,
  branch: string,
  mode: ProposalRecord["mode"],
  papers: readonly ProposedPaper[],
  headSha: string,
  provenance: ProposalProvenance,
  ctx: ProposeContext,
): ProposalUpdate {
  return {
    pr,
    branch,
    mode,
    papers: papers.map((p) => p.draft.key),
    headSha,
    baseSha: ctx.baseSha,
    at: ctx.now,
    details: papers.map((p) => ({ key: p.draft.key, draft: p.draft, verdict: p.verdict })),
    provenance,
  };
}

function commitMessage(titles: readonly string[], path: string): string {
  const subject = titles.length === 1 ? `Add "${titles[0]!.slice(0, 60)}" to ${path}` : `Add ${titles.length} papers to ${path}`;
  return `${subject}\n\n${titles.map((t) => `- ${t}`).join("\n")}\n`;
}
