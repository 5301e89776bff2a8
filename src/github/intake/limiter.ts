/** Outcomes a submission can get; a submitter hears each at most once per paper. */
export type IntakeOutcomeKind = "invalid" | "not-found" | "lookup-failed" | "duplicate" | "proposed";

export type Admission =
  | { kind: "admitted" }
  /** `reply`: false when this submitter was told already in this window (a flood gets one answer, not one each). */
  | { kind: "rate-limited"; retryAt: Date; reply: boolean };

export interface IntakeLimiterOptions {
  /** Submissions looked up per repository per hour; more wait. */
  perHour?: number;
  /** How long an answer is remembered, so a repeated submission of one paper is not answered again. */
  answerMemoryMs?: number;
  /** Milliseconds since the epoch; injected so tests never wait. */
  now?: () => number;
}

export const DEFAULT_INTAKE_ISSUES_PER_HOUR = 10;
const HOUR = 3_600_000;
const DEFAULT_ANSWER_MEMORY_MS = 30 * 24 * HOUR;
/** Answers remembered per repository; the oldest are forgotten first. */
const MAX_ANSWERS_PER_REPO = 5_000;

interface Answered {
  issue: number;
  outcome: IntakeOutcomeKind;
  /** The reply posted, so an edit that changes nothing is not answered twice on one issue. */
  reply: string;
  at: number;
}

/**
 * Spam protection for the public way in (no write access needed): at most N submissions per
 * repository in any hour (a sliding window), and one answer per submitter, paper and outcome. Pure
 * memory with an injected clock: no I/O. One process's memory — replicas and restarts each start
 * afresh, which errs on the side of answering.
 */
export class IntakeLimiter {
  readonly perHour: number;
  private readonly answerMemoryMs: number;
  private readonly now: () => number;
  private readonly admitted = new Map<string, number[]>();
  /** repo → (submitter, outcome, paper key) → the answer given. */
  private readonly answers = new Map<string, Map<string, Answered>>();
  /** repo → submitters told "rate limited", until when. */
  private readonly toldLimited = new Map<string, Map<string, number>>();

  constructor(options: IntakeLimiterOptions = {}) {
    this.perHour = options.perHour ?? DEFAULT_INTAKE_ISSUES_PER_HOUR;
    this.answerMemoryMs = options.answerMemoryMs ?? DEFAULT_ANSWER_MEMORY_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Counts a submission against the repository's hour, or says when the next one is possible.
   * `perHour`: the repository's own limit (its config), else the limiter's.
   */
  admit(repo: string, submitter: string, perHour = this.perHour): Admission {
    const now = this.now();
    const recent = (this.admitted.get(repo) ?? []).filter((t) => t > now - HOUR);
    if (recent.length < perHour) {
      recent.push(now);
      this.admitted.set(repo, recent);
      return { kind: "admitted" };
    }
    this.admitted.set(repo, recent);
    const retryAt = new Date(recent[recent.length - perHour]! + HOUR);
    const told = this.toldLimited.get(repo) ?? new Map<string, number>();
    for (const [who, until] of told) if (until <= now) told.delete(who);
    const reply = !told.has(submitter.toLowerCase());
    if (reply) told.set(submitter.toLowerCase(), retryAt.getTime());
    this.toldLimited.set(repo, told);
    return { kind: "rate-limited", retryAt, reply };
  }

  /**
   * Whether to post `reply` for this outcome (for "proposed": whether to propose), and remembers
   * it. Not when the submitter already got this outcome for the same paper (any of `paperKeys`: the
   * title before a lookup, the identity keys after) on another issue, nor the same reply on this
   * issue (an edit that changed nothing).
   */
  shouldAnswer(repo: string, submitter: string, answer: { issue: number; outcome: IntakeOutcomeKind; paperKeys: readonly string[]; reply: string }): boolean {
    const now = this.now();
    const byKey = this.answers.get(repo) ?? new Map<string, Answered>();
    this.answers.set(repo, byKey);
    const keys = [...new Set(answer.paperKeys)].map((paper) => `${submitter.toLowerCase()}\n${answer.outcome}\n${paper}`);
    const earlier = keys.map((k) => byKey.get(k)).find((a): a is Answered => a !== undefined && a.at > now - this.answerMemoryMs);
    // The same issue again (edited): answered when the answer changed, and always for a proposal
    // (its pull request may have failed to open; a proposal that did open makes it a duplicate).
    if (earlier && (earlier.issue !== answer.issue || (earlier.reply === answer.reply && answer.outcome !== "proposed"))) return false;
    for (const key of keys) {
      byKey.delete(key); // re-inserted last: the map stays in age order
      byKey.set(key, { issue: answer.issue, outcome: answer.outcome, reply: answer.reply, at: now });
    }
    for (const [key, value] of byKey) {
      if (byKey.size <= MAX_ANSWERS_PER_REPO && value.at > now - this.answerMemoryMs) break;
      byKey.delete(key);
    }
    return true;
  }
}
