import { sanitizeUrl } from "../../catalog/sanitize.ts";
import type { Paper } from "../../sources/paper.ts";
import type { Verdict } from "../../triage/verdict.ts";
import { codeSpan, escapeForGitHub } from "../proposal/escape.ts";
import { DEFAULT_COMMAND } from "../proposal/types.ts";
import type { DuplicateFinding } from "./check-submission.ts";
import type { IntakeProblem } from "./parse-issue.ts";

// The comments an issue-form submission gets, one per outcome: plain, short, and inert. Everything
// that came from outside (the submitter's words, a paper's title, a service's error) goes through
// escapeForGitHub, so no comment can mention, link, close an issue or open markup on their behalf.

export interface ReplyOptions {
  /** The catalog file as the repository names it. */
  catalogPath?: string;
  /** The catalog file's page on GitHub (`https://github.com/o/r/blob/main/README.md`), for links to a row. */
  catalogUrl?: string;
  /** How maintainers address the bot; "@headscout" unless the app's slug differs. */
  command?: string;
}

const pr = (n: number) => `#${Math.trunc(n)}`;

/** The paper's title, linked to its arXiv (else OpenReview) page, and its id. */
export function describeFoundPaper(paper: Paper): string {
  const title = `“${escapeForGitHub(paper.title)}”`;
  const page = paper.ids.arxiv ? `https://arxiv.org/abs/${paper.ids.arxiv}` : (paper.links.openreview ?? paper.links.abstract);
  let url: string | undefined;
  try {
    url = page ? sanitizeUrl(page) : undefined;
  } catch {
    url = undefined;
  }
  const id = paper.ids.arxiv ? `arXiv ${escapeForGitHub(paper.ids.arxiv)}` : paper.ids.openreview ? `OpenReview ${escapeForGitHub(paper.ids.openreview)}` : undefined;
  return `${url ? `[${title}](${url})` : title}${id ? ` (${id})` : ""}`;
}

/** What the submitter should know about their head names once the entry is drafted. */
export function headNotes(verdict: Pick<Verdict, "tags" | "droppedTags" | "newHeadTypes">): string[] {
  return [
    ...verdict.droppedTags.map((t) => `“${t.name}” is left out of the entry for now: the paper's title and abstract do not name it. A maintainer can add it.`),
    ...verdict.newHeadTypes.map((t) => `“${t.name}” is not one of the catalog's head types yet: it is proposed as a new one, for a maintainer to accept.`),
  ];
}

function bullets(lines: readonly string[]): string[] {
  return lines.length ? ["", ...lines.map((line) => `- ${escapeForGitHub(line)}`)] : [];
}

/** The paper was found and its entry proposed. */
export function renderProposedReply({ number, paper, notes = [] }: { number: number; paper: Paper; notes?: readonly string[] }): string {
  return [
    `Thanks for the submission! I found the paper, ${describeFoundPaper(paper)}, and proposed its entry in ${pr(number)}. A maintainer reviews it there; this issue closes when that pull request is merged.`,
    ...bullets(notes),
  ].join("\n");
}

/** The line a pull request body needs to close the submitted issue when it is merged (the proposal body's own). */
export { renderClosesLine } from "../proposal/sections/closes.ts";

/** The form lacks answers, or some cannot be read. */
export function renderMissingFieldsReply(problems: readonly IntakeProblem[]): string {
  return [
    "Thanks for the submission! Some answers are missing or could not be read:",
    "",
    ...problems.map((p) => `- **${escapeForGitHub(p.field)}**: ${escapeForGitHub(p.message)}`),
    "",
    "Please edit the issue to fix this, keeping the headings the form put there (such as `### Title`); I will read it again.",
  ].join("\n");
}

/** No paper matches the submission. */
export function renderNotFoundReply({ searched, reason, candidates }: { searched: readonly string[]; reason: string; candidates: readonly Paper[] }): string {
  return [
    `I could not find this paper: ${escapeForGitHub(reason)}.`,
    ...(searched.length ? ["", "I searched:", ...bullets(searched)] : []),
    ...(candidates.length ? ["", "The closest papers arXiv returned:", "", ...candidates.map((p) => `- ${describeFoundPaper(p)}`)] : []),
    "",
    "Please check the title against the paper (copy it exactly), or add the paper's arXiv or OpenReview link to any field, then edit the issue: I will look again.",
  ].join("\n");
}

/** A service could not be read: nothing is known about the paper yet. */
export function renderLookupFailedReply({ reason }: { reason: string }): string {
  return [
    "I could not look this paper up just now, so nothing was proposed yet. What went wrong:",
    "",
    `> ${escapeForGitHub(reason)}`,
    "",
    "This is on headscout's side, not yours. Editing the issue later makes me try again; a maintainer can also add the paper by hand.",
  ].join("\n");
}

/** Too many submissions in the last hour. */
export function renderRateLimitedReply({ retryAt, perHour }: { retryAt: Date; perHour: number }): string {
  const time = retryAt.toISOString().slice(11, 16);
  return `Thanks for the submission! This repository received more paper submissions in the last hour than headscout takes (${perHour} an hour), so this one was not looked up. Edit the issue after ${time} UTC and I will look again; a maintainer can also add the paper by hand.`;
}

/** The paper is listed, proposed, merged or was turned down. */
export function renderDuplicateReply(finding: DuplicateFinding, paper: Paper, { catalogPath = "README.md", catalogUrl, command = DEFAULT_COMMAND }: ReplyOptions = {}): string {
  const thanks = `Thanks for the submission! ${describeFoundPaper(paper)}`;
  switch (finding.kind) {
    case "listed": {
      const where = `${codeSpan(catalogPath)} line ${finding.line}`;
      let url: string | undefined;
      try {
        url = catalogUrl ? `${sanitizeUrl(catalogUrl)}#L${finding.line}` : undefined;
      } catch {
        url = undefined;
      }
      const row = url ? `[${where}](${url})` : where;
      const section = finding.section ? `, under “${escapeForGitHub(finding.section)}”` : "";
      return `${thanks} is already in the catalog: “${escapeForGitHub(finding.title)}”, ${row}${section}. Nothing to add.`;
    }
    case "proposed":
      return `${thanks} is already proposed in ${pr(finding.pr)}; a maintainer reviews it there.`;
    case "merged":
      return `${thanks} was added to the catalog in ${pr(finding.pr)}.`;
    case "rejected": {
      const how = finding.how === "unticked" ? "unticked in" : finding.how === "dropped" ? "dropped from" : "turned down in";
      const by = finding.by ? ` by ${escapeForGitHub(finding.by)}` : "";
      const when = finding.at ? ` on ${finding.at.slice(0, 10)}` : "";
      return [
        `${thanks} was ${how} ${pr(finding.pr)}${by}${when}, so headscout does not propose it again.`,
        `A maintainer can lift that with ${codeSpan(`${command} reconsider ${finding.key}`)}.`,
      ].join(" ");
    }
  }
}
