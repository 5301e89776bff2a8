import type { Probot } from "probot";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { HeadscoutError } from "../../errors.ts";
import type { Clock } from "../../sources/http/clock.ts";
import type { AnswerCache } from "../../triage/llm/cache.ts";
import type { SourceSettings } from "../../sources/settings.ts";
import { createCommit, moveBranch } from "../git-data.ts";
import { createBranchLedgerStore } from "../ledger/branch-store.ts";
import { recordProposal } from "../ledger/record-proposal.ts";
import { recordSpend } from "../ledger/record-spend.ts";
import type { Ledger } from "../ledger/schema.ts";
import { updateLedger } from "../ledger/store.ts";
import { mayCommand } from "../permission.ts";
import type { ProposalProvenance } from "../proposal/index.ts";
import { buildProposal } from "../propose/build-proposal.ts";
import { openPullRequest, proposalTitle } from "../propose/pull-request.ts";
import { readRepoConfig } from "../read-repo-config.ts";
import { readRepoFile } from "../read-repo-file.ts";
import { repoName, type GitHub, type RepoRef } from "../repo.ts";
import type { RepoJobs } from "../repo-jobs.ts";
import { readCatalogAtHead } from "../scan/scan-repository.ts";
import { createPaperLookup, type PaperLookup } from "./find-paper.ts";
import { DEFAULT_INTAKE_FORM, foldLabel, isIntakeIssue, readIntakeForm, type IntakeForm } from "./form.ts";
import { intakeIssue, type IntakeIssue, type IntakeOutcome } from "./intake-issue.ts";
import { IntakeLimiter } from "./limiter.ts";
import { reviewWithLlm } from "./llm-review.ts";
import { recordSubmission } from "./record-submission.ts";

/** What the app gives intake: its jobs, registry, clock and the operator's source settings. */
export interface IntakeAppDeps {
  jobs: RepoJobs;
  registry: HeadRegistry;
  settings: SourceSettings;
  /** The operator's environment: the LLM's key and ceilings, for a submission the LLM may read. */
  env?: Record<string, string | undefined>;
  answers?: AnswerCache;
  now: () => Date;
  /** How maintainers address the bot ("@headscout"). */
  command: string;
  version: string;
  fetch?: typeof fetch;
  /** The clock the lookups space and retry on (tests pass one whose waits return at once). */
  sourcesClock?: Clock;
  /** Injected by tests; one per app otherwise (in memory: a restart starts afresh). */
  limiter?: IntakeLimiter;
  lookup?: PaperLookup;
}

/** The parts of an `issues` webhook intake reads. */
export interface IntakeEvent {
  action: "opened" | "edited" | "labeled";
  issue: IntakeIssue & { state?: string };
  /** With `labeled`: the label just added. */
  label?: string;
}

/** What one submission came to, for logs and tests. */
export type IntakeResult =
  | { kind: "skipped"; reason: string }
  | { kind: "answered"; outcome: IntakeOutcome["kind"] }
  | { kind: "proposed"; pr: number; url: string }
  | { kind: "refused"; reason: string };

const isBotLogin = (user: { type?: string; login?: string } | null | undefined) => user?.type === "Bot" || Boolean(user?.login?.endsWith("[bot]"));

/**
 * Issue-form intake on `issues.opened`, `issues.edited` and `issues.labeled` (the form's label
 * added later): each submission is worked on in the background, one at a time per repository (a
 * second issue for the same paper then sees the first one's pull request in the ledger).
 */
export function registerIntake(app: Probot, deps: IntakeAppDeps): void {
  const lookup =
    deps.lookup ??
    createPaperLookup(deps.settings, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.sourcesClock ? { clock: deps.sourcesClock } : {}) });
  const limiter = deps.limiter ?? new IntakeLimiter({ now: () => deps.now().getTime() });
  const queue = new SerialQueue(deps.jobs);

  app.on(["issues.opened", "issues.edited", "issues.labeled"], async (context) => {
    const payload = context.payload as {
      action: IntakeEvent["action"];
      issue: { number: number; title: string; body?: string | null; state?: string; user: { login: string; type?: string } | null; labels?: ({ name?: string } | string)[]; pull_request?: unknown };
      label?: { name?: string };
      sender?: { login: string; type?: string };
    };
    const { issue } = payload;
    if (!issue.user || isBotLogin(issue.user) || issue.pull_request || issue.state === "closed") return;
    // A form's issue carries its label: an unlabelled issue costs no API call.
    if (!issue.labels?.length) return;
    // An edit by someone other than the submitter (a maintainer fixing a label) is not a new submission.
    if (payload.action === "edited" && payload.sender && payload.sender.login !== issue.user.login) return;
    const event: IntakeEvent = {
      action: payload.action,
      issue: { number: issue.number, title: issue.title, body: issue.body ?? null, author: { login: issue.user.login, ...(issue.user.type ? { type: issue.user.type } : {}) }, labels: issue.labels ?? [], ...(issue.state ? { state: issue.state } : {}) },
      ...(payload.label?.name ? { label: payload.label.name } : {}),
    };
    const github = context.octokit as unknown as GitHub;
    const repo = context.repo();
    queue.run(repoName(repo), `issue #${issue.number}`, async () => {
      const result = await handleIntake(github, repo, event, { ...deps, lookup, limiter });
      app.log.info({ repo: repoName(repo), issue: issue.number, action: event.action, result: result.kind }, `intake: ${describeResult(result)}`);
    });
  });
}

function describeResult(result: IntakeResult): string {
  switch (result.kind) {
    case "skipped":
      return `skipped (${result.reason})`;
    case "answered":
      return `answered (${result.outcome})`;
    case "proposed":
      return `proposed in #${result.pr}`;
    case "refused":
      return `not proposed (${result.reason})`;
  }
}

/** The pull request already opened for a submitted issue, from the ledger. */
export function proposalForIssue(ledger: Ledger, issue: number): number | undefined {
  for (const [number, proposal] of Object.entries(ledger.proposals)) {
    const provenance = proposal.provenance as ProposalProvenance | undefined;
    if (provenance?.submission?.issue === issue) return Number(number);
  }
  return undefined;
}

/**
 * One submission, from the webhook to the reply: the repository's config (intake off: nothing),
 * its form, the catalog at the default branch's head and the ledger; `intakeIssue` decides; a
 * ready submission is recorded, proposed in a pull request of its own that closes the issue, and
 * the issue told where. Every other outcome posts its reply (or nothing for a repeat).
 */
export async function handleIntake(github: GitHub, repo: RepoRef, event: IntakeEvent, deps: IntakeAppDeps & { lookup: PaperLookup; limiter: IntakeLimiter }): Promise<IntakeResult> {
  const config = await readRepoConfig(github, repo);
  if (config.kind === "invalid") return { kind: "skipped", reason: "the configuration is invalid (the config-error issue says why)" };
  const intake = config.config.intake;
  if (!intake.enabled) return { kind: "skipped", reason: "intake.enabled is false" };

  const form = intake.form ? await readForm(github, repo, intake.form) : DEFAULT_INTAKE_FORM;
  if (!isIntakeIssue(event.issue, form)) return { kind: "skipped", reason: "not the form's issue" };
  if (event.action === "labeled" && !(event.label && form.labels.some((l) => foldLabel(l) === foldLabel(event.label!)))) {
    return { kind: "skipped", reason: "another label" };
  }

  const store = createBranchLedgerStore(github, repo);
  const [{ ledger }, head] = await Promise.all([store.read(), readCatalogAtHead(github, repo, config.config.catalog.path, deps.registry)]);
  const opened = proposalForIssue(ledger, event.issue.number);
  if (opened !== undefined) return { kind: "skipped", reason: `pull request #${opened} was opened for it already` };

  const authorCanWrite = await mayCommand(github, repo, event.issue.author.login);
  const catalogPath = config.config.catalog.path;
  const outcome = await intakeIssue(event.issue, {
    repo: repoName(repo),
    form,
    catalog: head.document,
    ledger,
    registry: deps.registry,
    lookup: deps.lookup,
    limiter: deps.limiter,
    perHour: intake.perHour,
    authorCanWrite,
    reply: { catalogPath, command: deps.command },
  });
  const comment = (body: string) => github.rest.issues.createComment({ ...repo, issue_number: event.issue.number, body });

  if (outcome.kind === "ignored") return { kind: "skipped", reason: outcome.reason };
  if (outcome.kind === "repeat") return { kind: "answered", outcome: "repeat" };
  if (outcome.kind !== "ready") {
    if ("reply" in outcome && outcome.reply) await comment(outcome.reply);
    return { kind: "answered", outcome: outcome.kind };
  }

  const now = deps.now();
  // The operator pays for the LLM: a maintainer's submission may use it, an outsider's only where
  // the repository allows it (intake.llm).
  const review =
    deps.env && (authorCanWrite || intake.llm)
      ? await reviewWithLlm(outcome.proposed, { config: config.config, env: deps.env, ledger, now, ...(deps.answers ? { answers: deps.answers } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) })
      : undefined;
  const proposed = review?.proposed ?? outcome.proposed;
  const model = proposed.verdict.provenance.model;
  const provenance: ProposalProvenance = {
    queries: [],
    triage: { mode: model ? "llm" : "offline", ...(model ? { model } : {}) },
    headscoutVersion: deps.version,
    submission: { issue: event.issue.number, login: event.issue.author.login },
  };
  const built = buildProposal({ text: head.text, document: head.document }, [proposed], { mode: "per-paper", catalogPath, provenance, command: deps.command, notes: outcome.notes }, deps.registry);
  if (built.included.length === 0) {
    const reason = built.left[0]?.reason ?? "the catalog refused the entry";
    await comment(`Thanks for the submission! I found the paper but could not add its entry to \`${catalogPath}\` automatically (${reason.replace(/[`@#<>[\]]/g, " ")}). A maintainer will add it by hand.`);
    return { kind: "refused", reason };
  }

  let key = proposed.draft.key;
  await updateLedger(store, (latest) => {
    key = recordSubmission(latest, proposed, now);
    if (review?.spend) recordSpend(latest, now.toISOString().slice(0, 10), review.spend);
  }, `headscout: paper submitted in issue #${event.issue.number}`);

  const branch = `headscout/submission-${event.issue.number}-${slug(proposed.draft.key)}`;
  const title = proposed.draft.entry.title;
  const commit = await createCommit(github, repo, { parent: head.baseSha, files: { [catalogPath]: built.document }, message: `Add "${title.slice(0, 60)}" to ${catalogPath}\n\nSubmitted in #${event.issue.number}.\n` });
  await moveBranch(github, repo, branch, commit, undefined);
  const pr = await openPullRequest(github, repo, { head: branch, base: head.defaultBranch, title: proposalTitle([title]), body: built.body }, config.config.pullRequests);

  await updateLedger(store, (latest) => {
    recordProposal(latest, {
      pr: pr.number,
      branch,
      mode: "per-paper",
      papers: [key],
      headSha: commit,
      baseSha: head.baseSha,
      at: now,
      details: built.included.map((p) => ({ key: p.draft.key, draft: p.draft, verdict: p.verdict })),
      provenance,
    });
  }, `headscout: pull request #${pr.number} for issue #${event.issue.number}`);
  await comment(outcome.replyFor(pr.number));
  return { kind: "proposed", pr: pr.number, url: pr.url };
}

async function readForm(github: GitHub, repo: RepoRef, path: string): Promise<IntakeForm> {
  const { data } = await github.rest.repos.get({ ...repo });
  const bytes = await readRepoFile(github, repo, path, data.default_branch);
  if (!bytes) throw new HeadscoutError(`intake.form names ${path}, which ${data.default_branch} does not have`);
  return readIntakeForm(new TextDecoder().decode(bytes), path);
}

function slug(key: string): string {
  return key.replace(/[^A-Za-z0-9.]+/g, "-").replace(/^-|-$/g, "").slice(0, 50);
}

/**
 * Work one at a time per repository, each run tracked by the app's RepoJobs (its failures logged,
 * `jobs.idle()` waiting for it) under a key of its own, so intake never refuses a submission while
 * a scan or another submission runs: it queues behind the repository's previous submission.
 */
class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(private readonly jobs: RepoJobs) {}

  run(repo: string, origin: string, work: () => Promise<void>): void {
    const previous = this.tails.get(repo) ?? Promise.resolve();
    const current = previous.then(work);
    const tail = current.catch(() => undefined);
    this.tails.set(repo, tail);
    void tail.then(() => {
      if (this.tails.get(repo) === tail) this.tails.delete(repo);
    });
    this.jobs.start(`${repo}#intake-${++this.seq}`, { startedAt: Date.now(), origin }, () => current);
  }
}
