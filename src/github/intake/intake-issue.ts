import type { CatalogDocument } from "../../catalog/document.ts";
import type { HeadRegistry } from "../../catalog/registry.ts";
import { IDENTIFIER_KEYS, identityOfPaper } from "../../paper/identity.ts";
import { normalizeTitle } from "../../paper/title.ts";
import type { Paper } from "../../sources/paper.ts";
import type { Ledger } from "../ledger/schema.ts";
import type { ProposedPaper } from "../proposal/types.ts";
import { checkSubmission, type Duplicate } from "./check-submission.ts";
import { proposeSubmission } from "./draft.ts";
import { findSubmittedPaper, type FindResult, type PaperLookup } from "./find-paper.ts";
import { DEFAULT_INTAKE_FORM, isIntakeIssue, type IntakeForm } from "./form.ts";
import type { IntakeLimiter, IntakeOutcomeKind } from "./limiter.ts";
import { parseIntakeIssue, type IntakeProblem, type Submission } from "./parse-issue.ts";
import {
  headNotes,
  renderClosesLine,
  renderLookupFailedReply,
  renderMissingFieldsReply,
  renderNotFoundReply,
  renderProposedReply,
  renderRateLimitedReply,
  type ReplyOptions,
} from "./texts.ts";

/** The parts of an `issues.opened` (or `issues.edited`) payload intake reads. */
export interface IntakeIssue {
  number: number;
  title: string;
  body: string | null;
  /** The issue's author, from the payload (never from the body). */
  author: { login: string; type?: string };
  labels: readonly (string | { name?: string })[];
}

export interface IntakeDeps {
  /** `owner/name`: the rate limit's and the answer memory's key. */
  repo: string;
  /** The repository's form, read from its file; the catalog's own form otherwise. */
  form?: IntakeForm;
  /** The catalog as the default branch has it. */
  catalog: CatalogDocument;
  ledger: Ledger;
  registry: HeadRegistry;
  lookup: PaperLookup;
  limiter: IntakeLimiter;
  /** Submissions looked up per hour in this repository (`intake.perHour`); the limiter's default otherwise. */
  perHour?: number;
  /** The author has write access: not rate limited (a maintainer filing papers through the form). */
  authorCanWrite?: boolean;
  reply?: ReplyOptions;
}

/** What to do about a submission. `reply` is the comment to post on the issue. */
export type IntakeOutcome =
  | { kind: "ignored"; reason: string }
  /** The submitter already got this answer for this paper: post nothing, open nothing. */
  | { kind: "repeat"; outcome: IntakeOutcomeKind }
  /** `reply` absent: this submitter was told already within the hour. */
  | { kind: "rate-limited"; retryAt: Date; reply?: string }
  | { kind: "invalid"; problems: IntakeProblem[]; reply: string }
  | { kind: "not-found"; result: Extract<FindResult, { kind: "not-found" }>; reply: string }
  | { kind: "lookup-failed"; reason: string; reply: string }
  | { kind: "duplicate"; check: Duplicate; reply: string }
  /**
   * Propose `proposed` in a pull request of its own whose body carries `closes` and `notes`, then
   * post `replyFor(prNumber)` on the issue.
   */
  | { kind: "ready"; paper: Paper; submission: Submission; proposed: ProposedPaper; notes: string[]; closes: string; replyFor: (pr: number) => string };

/**
 * One submitted issue, from its payload to what to post and propose: is it the form's (its label),
 * within the repository's hourly limit, complete, findable on arXiv/OpenReview, new to the catalog
 * and the ledger? The only I/O is the paper lookup; GitHub is the caller's.
 */
export async function intakeIssue(issue: IntakeIssue, deps: IntakeDeps): Promise<IntakeOutcome> {
  const form = deps.form ?? DEFAULT_INTAKE_FORM;
  if (!isIntakeIssue(issue, form)) return { kind: "ignored", reason: `not labelled ${form.labels.join(" or ") || "as the form's"}` };
  const login = issue.author.login;
  if (issue.author.type === "Bot" || login.endsWith("[bot]")) return { kind: "ignored", reason: "opened by a bot" };

  if (!deps.authorCanWrite) {
    const perHour = deps.perHour ?? deps.limiter.perHour;
    const admission = deps.limiter.admit(deps.repo, login, perHour);
    if (admission.kind === "rate-limited") {
      const reply = admission.reply ? renderRateLimitedReply({ retryAt: admission.retryAt, perHour }) : undefined;
      return { kind: "rate-limited", retryAt: admission.retryAt, ...(reply ? { reply } : {}) };
    }
  }
  const answered = (outcome: IntakeOutcomeKind, paperKeys: readonly string[], reply: string) =>
    deps.limiter.shouldAnswer(deps.repo, login, { issue: issue.number, outcome, paperKeys, reply });

  const parsed = parseIntakeIssue(issue.body, form, { issueTitle: issue.title });
  const submitted = submissionKeys(parsed.submission, issue.number);
  if (!parsed.ok) {
    const reply = renderMissingFieldsReply(parsed.problems);
    return answered("invalid", submitted, reply) ? { kind: "invalid", problems: parsed.problems, reply } : { kind: "repeat", outcome: "invalid" };
  }

  const result = await findSubmittedPaper(parsed.submission, deps.lookup);
  if (result.kind === "failed") {
    const reply = renderLookupFailedReply({ reason: result.reason });
    return answered("lookup-failed", submitted, reply) ? { kind: "lookup-failed", reason: result.reason, reply } : { kind: "repeat", outcome: "lookup-failed" };
  }
  if (result.kind === "not-found") {
    const reply = renderNotFoundReply(result);
    return answered("not-found", submitted, reply) ? { kind: "not-found", result, reply } : { kind: "repeat", outcome: "not-found" };
  }

  const paper = result.paper;
  const keys = [...submitted, ...paperKeys(paper)];
  const check = checkSubmission(paper, deps.catalog, deps.ledger, deps.reply);
  if (check.kind !== "new") {
    return answered("duplicate", keys, check.reply) ? { kind: "duplicate", check, reply: check.reply } : { kind: "repeat", outcome: "duplicate" };
  }
  if (!answered("proposed", keys, `proposed ${check.key}`)) return { kind: "repeat", outcome: "proposed" };

  const proposed = proposeSubmission(paper, parsed.submission, deps.registry, { login, issue: issue.number });
  const replyNotes = [...parsed.notes, ...result.notes, ...headNotes(proposed.verdict)];
  return {
    kind: "ready",
    paper,
    submission: parsed.submission,
    proposed,
    notes: [...parsed.notes, ...result.notes, ...check.notes],
    closes: renderClosesLine(issue.number),
    replyFor: (pr) => renderProposedReply({ number: pr, paper, notes: replyNotes }),
  };
}

/** What a submission names before any lookup: its title and linked ids (else only the issue itself). */
function submissionKeys(submission: Submission, issue: number): string[] {
  const keys = submission.links.flatMap((l) => [...(l.arxiv ? [`arxiv:${l.arxiv}`] : []), ...(l.openreview ? [`openreview:${l.openreview}`] : [])]);
  const title = submission.title ? normalizeTitle(submission.title) : "";
  if (title) keys.push(`title:${title}`);
  return keys.length ? keys : [`issue:${issue}`];
}

function paperKeys(paper: Paper): string[] {
  const identity = identityOfPaper(paper);
  return [...IDENTIFIER_KEYS.flatMap((k) => (identity[k] ? [`${k}:${identity[k]}`] : [])), `title:${identity.title}`];
}
