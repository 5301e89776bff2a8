import { codeSpan } from "../proposal/escape.ts";
import { closestNames } from "./edit-distance.ts";
import { FETCHABLE_KINDS, parsePaperRef, type PaperRef } from "./paper-ref.ts";

/** A command a maintainer wrote in a comment. */
export type Command =
  | { name: "scan"; since?: string }
  | { name: "add"; papers: PaperRef[] }
  | { name: "why-not"; paper: PaperRef }
  /** `paper` may be left out on a pull request that proposes one paper. */
  | { name: "retag"; paper?: PaperRef; tags: string[] }
  | { name: "redraft"; paper?: PaperRef }
  | { name: "drop"; paper?: PaperRef }
  | { name: "reconsider"; paper: PaperRef }
  | { name: "recreate" }
  | { name: "help" };

export type CommandName = Command["name"];

/** Commands counted by the per-repository limit (`rate-limit.ts`): they search or call the LLM. */
export type LimitedCommand = Extract<CommandName, "scan" | "add" | "redraft">;

export interface CommandSpec {
  name: CommandName;
  /** What follows the command's name, as the help shows it. */
  args: string;
  /** What it does, in one line. */
  does: string;
  /** Only makes sense on a headscout pull request (it changes that pull request). */
  onBotPullRequest: boolean;
  /** Counted by the per-repository rate limit. */
  limited: boolean;
  /**
   * The command from its arguments (`args`: the rest of the line split at white space; `rest`: the
   * rest of the line as written), or what is wrong with them.
   */
  parse(args: string[], rest: string): Command | string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** At most this many papers in one `add` (each may cost an LLM call). */
export const MAX_PAPERS_PER_ADD = 10;
/** At most this many tags in one `retag`. */
export const MAX_TAGS = 12;

/** A text from a comment, shortened, as inline code: nothing in it can mention, link or close. */
function quoted(text: string): string {
  return codeSpan(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function notAPaper(token: string): string {
  return `${quoted(token)} is not a paper id (an arXiv id such as \`2404.15574\`, an arXiv or OpenReview URL, or a key such as \`arxiv:2404.15574\`)`;
}

/** Exactly one paper id, or what is wrong. */
function onePaper(name: string, args: string[]): PaperRef | string {
  if (args.length !== 1) return `${name} takes one paper id${args.length ? `, not ${args.length} words` : ""}`;
  return parsePaperRef(args[0]!) ?? notAPaper(args[0]!);
}

/** Exactly one paper id. */
function requiredPaper(name: "why-not" | "reconsider", args: string[]): Command | string {
  const paper = onePaper(name, args);
  return typeof paper === "string" ? paper : { name, paper };
}

/** No arguments, or one paper id (on a pull request that proposes one paper, the id may be left out). */
function optionalPaper(name: "redraft" | "drop", args: string[]): Command | string {
  if (args.length === 0) return { name };
  const paper = onePaper(name, args);
  return typeof paper === "string" ? paper : { name, paper };
}

function parseAdd(args: string[]): Command | string {
  const tokens = args.flatMap((arg) => arg.split(",")).filter((token) => token.trim() !== "");
  if (tokens.length === 0) return "add takes one or more arXiv ids, arXiv URLs or OpenReview URLs";
  const papers: PaperRef[] = [];
  for (const token of tokens) {
    const paper = parsePaperRef(token);
    if (!paper) return notAPaper(token);
    if (!FETCHABLE_KINDS.includes(paper.kind)) return `add looks papers up on arXiv or OpenReview: ${quoted(token)} is neither (give its arXiv id or URL, or its OpenReview URL)`;
    if (!papers.some((p) => p.key === paper.key)) papers.push(paper);
  }
  if (papers.length > MAX_PAPERS_PER_ADD) return `add takes at most ${MAX_PAPERS_PER_ADD} papers at a time (${papers.length} given)`;
  return { name: "add", papers };
}

/**
 * `retag <id> Tag A, Tag B`: the tags are the rest of the line split at commas. The id may be left
 * out (`retag Tag A`) where the pull request proposes one paper: a first word that is no paper id is
 * taken for a tag.
 */
function parseRetag(args: string[], rest: string): Command | string {
  const first = args[0];
  const paper = first !== undefined ? parsePaperRef(first) : undefined;
  const tagText = paper ? rest.slice(rest.indexOf(first!) + first!.length) : rest;
  const tags = [...new Set(tagText.split(/[,;]/).map((tag) => tag.trim().replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, "").replace(/\s+/g, " ")).filter(Boolean))];
  if (tags.length === 0) return "retag takes a paper id and the tags, separated by commas: `retag 2404.15574 Induction Head, Retrieval Head`";
  if (tags.length > MAX_TAGS) return `retag takes at most ${MAX_TAGS} tags (${tags.length} given)`;
  return { name: "retag", ...(paper ? { paper } : {}), tags };
}

function nothing(name: "recreate" | "help"): (args: string[]) => Command | string {
  return (args) => (args.length === 0 ? { name } : `${name} takes nothing after it`);
}

/** The commands, each with its usage line; the help text and error replies are built from this table. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "scan",
    args: "[since YYYY-MM-DD]",
    does: "search arXiv and OpenReview now and propose what is new",
    onBotPullRequest: false,
    limited: true,
    parse(args) {
      if (args.length === 0) return { name: "scan" };
      if (args.length === 2 && args[0]!.toLowerCase() === "since" && isRealDay(args[1]!)) return { name: "scan", since: args[1]! };
      return "scan takes nothing, or `since YYYY-MM-DD` with a real date";
    },
  },
  {
    name: "add",
    args: "<arXiv id | arXiv URL | OpenReview URL>…",
    does: "propose these papers now, whatever the prefilter says (triage still drafts their entries)",
    onBotPullRequest: false,
    limited: true,
    parse: parseAdd,
  },
  {
    name: "why-not",
    args: "<paper id>",
    does: "say why headscout has not proposed a paper",
    onBotPullRequest: false,
    limited: false,
    parse: (args) => requiredPaper("why-not", args),
  },
  {
    name: "retag",
    args: "<paper id> Tag A, Tag B",
    does: "set a proposed entry's head-type tags (names from the registry)",
    onBotPullRequest: true,
    limited: false,
    parse: parseRetag,
  },
  {
    name: "redraft",
    args: "<paper id>",
    does: "judge a proposed paper again and redraft its entry",
    onBotPullRequest: true,
    limited: true,
    parse: (args) => optionalPaper("redraft", args),
  },
  {
    name: "drop",
    args: "<paper id>",
    does: "take a paper out of this pull request and never propose it again",
    onBotPullRequest: true,
    limited: false,
    parse: (args) => optionalPaper("drop", args),
  },
  {
    name: "reconsider",
    args: "<paper id>",
    does: "lift a rejection: the paper may be proposed again",
    onBotPullRequest: false,
    limited: false,
    parse: (args) => requiredPaper("reconsider", args),
  },
  {
    name: "recreate",
    args: "",
    does: "rebuild this pull request's branch from scratch, over anyone's commits on it",
    onBotPullRequest: true,
    limited: false,
    parse: nothing("recreate"),
  },
  { name: "help", args: "", does: "list these commands", onBotPullRequest: false, limited: false, parse: nothing("help") },
];

export function commandSpec(name: CommandName): CommandSpec {
  return COMMANDS.find((spec) => spec.name === name)!;
}

/** Case, hyphens and underscores folded: `Why_Not`, `whynot` and `why-not` are one name. */
function foldName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, "");
}

/** The usage line of a command: `@headscout retag <paper id> Tag A, Tag B`. */
export function usageLine(spec: CommandSpec, command: string): string {
  return spec.args ? `${command} ${spec.name} ${spec.args}` : `${command} ${spec.name}`;
}

export type CommandReading =
  | { kind: "none" }
  | { kind: "command"; command: Command; spec: CommandSpec; line: string }
  /**
   * `spec`: a known command whose arguments are wrong; `suggestion`: the command an unknown name is
   * closest to (a typo).
   */
  | { kind: "invalid"; line: string; reason: string; spec?: CommandSpec; suggestion?: CommandSpec };

/** Lines a maintainer wrote themselves: quoted replies and code blocks are someone else's words. */
function ownLines(body: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && !/^\s*>/.test(line)) lines.push(line.trim());
  }
  return lines;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The command a name and its first argument spell: `why-not`, `whynot`, also `why not`. */
function findSpec(name: string, args: string[]): { spec: CommandSpec; args: string[]; words: number } | undefined {
  const one = COMMANDS.find((spec) => foldName(spec.name) === foldName(name));
  if (one) return { spec: one, args, words: 1 };
  const two = args[0] !== undefined ? COMMANDS.find((spec) => foldName(spec.name) === foldName(name + args[0])) : undefined;
  return two ? { spec: two, args: args.slice(1), words: 2 } : undefined;
}

/**
 * The command an unknown name was meant to be: the nearest within a typo's reach (`reconsidr`,
 * `scna`), else the one command whose name contains it (`tag` → `retag`, `why` → `why-not`).
 */
function closestCommand(name: string): CommandSpec | undefined {
  const folded = foldName(name);
  const [typo] = closestNames(folded, COMMANDS, (spec) => [foldName(spec.name)], { limit: 1 });
  if (typo) return typo;
  const containing = folded.length >= 3 ? COMMANDS.filter((spec) => foldName(spec.name).includes(folded)) : [];
  return containing.length === 1 ? containing[0] : undefined;
}

/** The rest of a line after its first `words` words. */
function afterWords(text: string, words: number): string {
  return text.replace(new RegExp(`^\\s*(?:\\S+\\s*){${words}}`), "");
}

/**
 * The command in a comment: the first of its own lines that starts with `@<slug>` or `/<slug>`
 * (any case). Everything else in the comment is ignored, so a command can sit in a longer reply.
 * An unknown command name comes back invalid with the command it is closest to, if any.
 */
export function readCommand(body: string, slug: string): CommandReading {
  const mention = new RegExp(`^[@/]${escapeRegExp(slug)}(?![\\w-])\\s*(.*)$`, "i");
  for (const line of ownLines(body)) {
    const match = mention.exec(line);
    if (!match) continue;
    const text = match[1]!.trim();
    const [name = "", ...args] = text.split(/\s+/).filter(Boolean);
    if (!name) return { kind: "invalid", line, reason: "the command is missing" };
    const found = findSpec(name, args);
    if (!found) {
      const suggestion = closestCommand(name);
      return { kind: "invalid", line, reason: `I don't know the command ${quoted(name.slice(0, 40))}`, ...(suggestion ? { suggestion } : {}) };
    }
    const parsed = found.spec.parse(found.args, afterWords(text, found.words));
    return typeof parsed === "string" ? { kind: "invalid", line, reason: parsed, spec: found.spec } : { kind: "command", command: parsed, spec: found.spec, line };
  }
  return { kind: "none" };
}

/** The commands as a reply lists them; `onBotPullRequest: false` leaves out those only a headscout pull request takes. */
export function renderUsage(slug: string, { onBotPullRequest = true }: { onBotPullRequest?: boolean } = {}): string {
  return COMMANDS.filter((spec) => onBotPullRequest || !spec.onBotPullRequest)
    .map((spec) => `- ${codeSpan(usageLine(spec, `@${slug}`))} — ${spec.does}${spec.onBotPullRequest ? " (on a headscout pull request)" : ""}`)
    .join("\n");
}

/** The reply to `help`. */
export function renderHelp(slug: string): string {
  return [
    `Comment one of these on any issue or pull request (\`/${slug}\` works too). Only people with write access can use them;`,
    "`scan`, `add` and `redraft` count towards the repository's hourly limit.",
    "",
    renderUsage(slug),
    "",
    "A paper id is an arXiv id (`2404.15574`, any version), an arXiv or OpenReview URL, or a key such as `arxiv:2404.15574` as headscout shows them.",
  ].join("\n");
}

/** The reply to a command headscout could not read: what is wrong, the closest command, and the usage. */
export function renderInvalidCommand(reading: Extract<CommandReading, { kind: "invalid" }>, slug: string): string {
  const command = `@${slug}`;
  if (reading.spec) return `${capitalize(reading.reason)}. Usage: ${codeSpan(usageLine(reading.spec, command))} — ${reading.spec.does}.`;
  const head = reading.suggestion
    ? `${capitalize(reading.reason)} — did you mean ${codeSpan(reading.suggestion.name)}? ${codeSpan(usageLine(reading.suggestion, command))} — ${reading.suggestion.does}.`
    : `${capitalize(reading.reason)}.`;
  return `${head}\n\nWhat I understand:\n\n${renderUsage(slug)}`;
}

/** A command used where it makes no sense (`retag` outside a headscout pull request), or undefined. */
export function misplacedCommand(spec: CommandSpec, { onBotPullRequest }: { onBotPullRequest: boolean }): string | undefined {
  if (!spec.onBotPullRequest || onBotPullRequest) return undefined;
  return `${codeSpan(spec.name)} changes one of headscout's pull requests: comment it on that pull request.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
