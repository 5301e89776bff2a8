import { parseArxivId, parseOpenReviewId } from "../../paper/ids.ts";
import { cleanUntrusted } from "../proposal/escape.ts";
import { foldLabel, resolveIntakeForm, type FormField, type IntakeFieldName, type IntakeForm } from "./form.ts";
import { parseSubmittedDate } from "./submitted-date.ts";

/** A link found anywhere in a submission, with what it identifies. */
export interface SubmittedLink {
  url: string;
  /** The form label of the field it was in, or "the issue body" for text outside every field. */
  field: string;
  arxiv?: string;
  openreview?: string;
}

/** What a submitter wrote, read from the form's answers. Nothing here is trusted: it is outsider text. */
export interface Submission {
  /** Plain text: markup, links and invisible characters taken out. Absent only when a link names the paper. */
  title?: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the submitter was. */
  published?: string;
  source?: string;
  /** The head names given, as written (several when the submitter listed several). */
  headNames: string[];
  /** The summary's items as written (list markers removed, not yet sanitised). */
  summary: string[];
  /** arXiv and OpenReview links first, in the order of the fields they were found in. */
  links: SubmittedLink[];
}

export interface IntakeProblem {
  /** The form label of the field (`Published Date`). */
  field: string;
  kind: "missing" | "malformed";
  /** Plain text for the submitter (quotes their words; escaped where it is posted). */
  message: string;
}

export type ParsedIntake =
  | { ok: true; submission: Submission; notes: string[] }
  | { ok: false; problems: IntakeProblem[]; submission: Submission };

/** What each field is for, in words a submitter understands. */
const WANTED: Record<IntakeFieldName, string> = {
  title: "the paper's title as the paper writes it (or its arXiv or OpenReview link)",
  published: "the date the paper came out, such as 2024-07-03",
  source: "where the paper appeared: a journal, a conference, or arXiv",
  head: "the kind of attention head the paper is about, such as Retrieval Head",
  summary: "a short summary of the paper (60 words at most)",
};

/**
 * Reads an issue opened with the "Add new paper" form. GitHub renders each answer as `### <label>`,
 * a blank line and the answer (`_No response_` for an empty optional field; checkboxes as
 * `- [X] option`). Submitters edit bodies, so headings are matched loosely (any level, any case, a
 * trailing colon; `**Label**` lines; `Label: value` lines when no heading is left), CRLF and stray
 * white space are ignored, and the first non-empty answer for a field wins.
 *
 * `form` is the form's YAML text (or the form already read); without it the catalog's own form.
 * `issueTitle` stands in for an empty Title when the submitter typed it into the issue's title.
 */
export function parseIntakeIssue(body: string | null | undefined, form?: string | IntakeForm, options: { issueTitle?: string } = {}): ParsedIntake {
  const resolved = resolveIntakeForm(form);
  const text = (body ?? "").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const sections = readSections(text, resolved);
  const answer = (name: IntakeFieldName): Answer | undefined => {
    const field = resolved.roles[name];
    return field ? sections.get(field) : undefined;
  };
  const label = (name: IntakeFieldName) => resolved.roles[name]?.label ?? name;

  const problems: IntakeProblem[] = [];
  const notes: string[] = [];
  const links = findLinks(text, resolved, sections);
  const submission: Submission = { headNames: [], summary: [], links };

  let title = plainText(answer("title")?.value ?? "");
  if (!title && options.issueTitle) {
    const fromIssue = plainText(stripPrefix(options.issueTitle, resolved.titlePrefix));
    if (fromIssue) {
      title = fromIssue;
      notes.push(`The “${label("title")}” field was empty; the issue's title was used instead.`);
    }
  }
  if (title) submission.title = title;

  const dateText = plainText(answer("published")?.value ?? "");
  if (dateText) {
    const date = parseSubmittedDate(dateText);
    if (typeof date === "string") submission.published = date;
    else problems.push({ field: label("published"), kind: "malformed", message: `“${dateText}” under “${label("published")}” ${date.problem}: please write it as YYYY-MM-DD, such as 2024-07-03.` });
  }

  const sourceAnswer = answer("source")?.value.trim() ?? "";
  // "Source: https://openreview.net/forum?id=…" answers the question too: the link is its text.
  const source = plainText(sourceAnswer) || (links.some((l) => l.field === label("source")) ? cleanUntrusted(sourceAnswer) : "");
  if (source) submission.source = source;
  submission.headNames = splitHeadNames(answer("head")?.value ?? "");
  submission.summary = summaryItems(answer("summary")?.value ?? "");

  const present: Record<IntakeFieldName, boolean> = {
    title: !!title || links.some((l) => l.arxiv || l.openreview),
    published: !!dateText,
    source: !!source,
    head: submission.headNames.length > 0,
    summary: submission.summary.length > 0,
  };
  for (const name of Object.keys(present) as IntakeFieldName[]) {
    const field = resolved.roles[name];
    if (present[name] || !field?.required) continue;
    const where = sections.has(field) ? `“${field.label}” is empty` : `there is no “${field.label}” section (its heading may have been edited away)`;
    problems.push({ field: field.label, kind: "missing", message: `${capitalise(where)}: please give ${WANTED[name]}.` });
  }
  // Without a title, the paper can only be found through a link; say so even when the form calls the title optional.
  if (!present.title && !resolved.roles.title?.required) {
    problems.push({ field: label("title"), kind: "missing", message: `There is no title: please give ${WANTED.title}.` });
  }
  problems.sort((a, b) => fieldOrder(resolved, a.field) - fieldOrder(resolved, b.field));
  return problems.length ? { ok: false, problems, submission } : { ok: true, submission, notes };
}

/** An answer: its text (`_No response_` read as empty), and for checkboxes the options ticked. */
export interface Answer {
  value: string;
  checked?: string[];
}

/** The answers of a body, by form field. */
export function readSections(text: string, form: IntakeForm): Map<FormField, Answer> {
  const byLabel = new Map(form.fields.map((f) => [foldLabel(f.label), f]));
  const lines = text.split("\n");
  const starts: { field: FormField; line: number; inline?: string }[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) fence = fence ? undefined : fenceMark;
    if (fence && !fenceMark) return;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] ?? /^\s*\*\*([^*]+)\*\*\s*:?\s*$/.exec(line)?.[1];
    const field = heading !== undefined ? byLabel.get(foldLabel(visible(heading))) : undefined;
    if (field) starts.push({ field, line: i });
  });
  if (starts.length === 0) {
    // A body rewritten by hand: "Title: …" lines.
    lines.forEach((line, i) => {
      const m = /^\s*(?:\*\*)?([^:*\n]{1,40}?)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*)$/u.exec(line);
      const field = m ? byLabel.get(foldLabel(visible(m[1]!))) : undefined;
      if (field) starts.push({ field, line: i, inline: m![2]! });
    });
  }
  const answers = new Map<FormField, Answer>();
  starts.forEach((start, k) => {
    const end = starts[k + 1]?.line ?? lines.length;
    const raw = [start.inline ?? "", ...lines.slice(start.line + 1, end)].join("\n");
    const answer = readAnswer(raw, start.field);
    const earlier = answers.get(start.field);
    if (!earlier || (!earlier.value && answer.value)) answers.set(start.field, answer);
  });
  return answers;
}

function readAnswer(raw: string, field: FormField): Answer {
  let value = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, "").trim();
  if (/^_?no response_?$/i.test(value)) value = "";
  // A textarea with `render:` comes back as one fenced block.
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1\s*$/.exec(value);
  if (fenced) value = fenced[2]!.trim();
  if (field.type !== "checkboxes") return { value };
  const checked = [...value.matchAll(/^\s*[-*]\s*\[[xX]\]\s*(.+?)\s*$/gm)].map((m) => m[1]!);
  return { value: checked.join("\n"), checked };
}

function visible(text: string): string {
  return text.replace(/[\p{Cf}]/gu, "");
}

/** One line of plain text: invisible characters, markdown emphasis, links (their text kept), HTML and bare URLs taken out. */
export function plainText(value: string): string {
  return cleanUntrusted(
    value
      .replace(/<[^>]*>/g, " ")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\bhttps?:\/\/\S+/gi, " ")
      .replace(/[*_`]+/g, "")
      .replace(/^\s*(?:[-•>]\s+)+/gm, ""),
  )
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, "")
    .trim();
}

function stripPrefix(issueTitle: string, prefix: string): string {
  const p = prefix.trim();
  return p && issueTitle.trim().toLowerCase().startsWith(p.toLowerCase()) ? issueTitle.trim().slice(p.length) : "";
}

/** "Retrieval Head, Induction Head", "retrieval and induction heads" → each name. */
export function splitHeadNames(value: string): string[] {
  const names = plainText(value)
    .replace(/\bn\/a\b/gi, "")
    .split(/\s*(?:[,;/、，；|]|\band\b|&|\+)\s*/i)
    .map((name) => name.replace(/^(?:the|a|an)\s+/i, "").trim())
    .filter((name) => name && !/^(?:n\/?a|none|-+)$/i.test(name));
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The summary's items: list items (continuation lines joined), else paragraphs; empty template items dropped. */
export function summaryItems(value: string): string[] {
  const items: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const item = current.join(" ").replace(/\s+/g, " ").trim();
    // "- Tasks: " left as the placeholder had it says nothing.
    if (item && !/^[\p{L} ]{1,30}:$/u.test(item)) items.push(item);
    current = [];
  };
  for (const line of value.split("\n")) {
    const marker = /^\s*(?:[-*+•–]|\d{1,2}[.)])\s+(.*)$/.exec(line);
    if (marker) {
      flush();
      current.push(marker[1]!);
    } else if (!line.trim()) flush();
    else current.push(line.trim());
  }
  flush();
  return items;
}

const URL_CHARS = String.raw`[^\s<>()[\]"'\`]+`;
const LINK_PATTERNS: { pattern: RegExp; url: (m: RegExpExecArray) => string }[] = [
  { pattern: new RegExp(String.raw`\bhttps?://${URL_CHARS}`, "gi"), url: (m) => m[0] },
  // Without a scheme: "arxiv.org/abs/2404.15574", "openreview.net/forum?id=…".
  { pattern: new RegExp(String.raw`(?<![/\w.])(?:www\.)?(?:arxiv\.org|openreview\.net)/${URL_CHARS}`, "gi"), url: (m) => `https://${m[0]}` },
  // "arXiv:2404.15574", "arXiv 2404.15574v2".
  {
    pattern: /\barxiv\s*:?\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)\b/gi,
    url: (m) => `https://arxiv.org/abs/${m[1]}`,
  },
];

/** Every link in the body: the title's and the source's first, then the other fields', then the rest of the body's. */
function findLinks(text: string, form: IntakeForm, sections: Map<FormField, Answer>): SubmittedLink[] {
  const order: IntakeFieldName[] = ["title", "source", "head", "summary", "published"];
  const ordered = [
    ...order.map((name) => form.roles[name]).filter((f): f is FormField => f !== undefined),
    ...form.fields.filter((f) => !Object.values(form.roles).includes(f)),
  ];
  const found = new Map<string, SubmittedLink>();
  const scan = (value: string, field: string) => {
    const matches = LINK_PATTERNS.flatMap(({ pattern, url }) => [...value.matchAll(pattern)].map((m) => ({ at: m.index, link: url(m as RegExpExecArray) })));
    for (const match of matches.sort((a, b) => a.at - b.at)) {
      const link = match.link.replace(/[.,;:!?]+$/, "");
      if (found.has(link)) continue;
      const arxiv = parseArxivId(link);
      const openreview = parseOpenReviewId(link);
      found.set(link, { url: link, field, ...(arxiv ? { arxiv } : {}), ...(openreview ? { openreview } : {}) });
    }
  };
  for (const field of ordered) scan(visible(sections.get(field)?.value ?? ""), field.label);
  scan(visible(text), "the issue body");
  const links = [...found.values()];
  // The same paper linked twice (abs and pdf) is one lookup.
  const seen = new Set<string>();
  const unique = links.filter((l) => {
    const id = l.arxiv ? `arxiv:${l.arxiv}` : l.openreview ? `openreview:${l.openreview}` : `url:${l.url}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return [...unique.filter((l) => l.arxiv || l.openreview), ...unique.filter((l) => !l.arxiv && !l.openreview)];
}

function fieldOrder(form: IntakeForm, label: string): number {
  const index = form.fields.findIndex((f) => f.label === label);
  return index < 0 ? form.fields.length : index;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
