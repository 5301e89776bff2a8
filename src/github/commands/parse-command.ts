/** A command a maintainer wrote in a comment. */
export type Command = { name: "scan"; since?: string };

export type ParsedComment =
  | { kind: "none" }
  | { kind: "command"; command: Command; line: string }
  | { kind: "invalid"; line: string; reason: string };

interface CommandSpec {
  usage: string;
  parse(args: string[]): Command | string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** The commands, each with its usage line; the help text and error replies are built from this table. */
export const COMMANDS: Record<string, CommandSpec> = {
  scan: {
    usage: "scan [since YYYY-MM-DD] — search arXiv and OpenReview now and propose what is new",
    parse(args) {
      if (args.length === 0) return { name: "scan" };
      if (args.length === 2 && args[0]!.toLowerCase() === "since" && isRealDay(args[1]!)) return { name: "scan", since: args[1]! };
      return "scan takes nothing, or `since YYYY-MM-DD` with a real date";
    },
  },
};

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

/**
 * The command in a comment: the first of its own lines that starts with `@<slug>` or `/<slug>`
 * (any case). Everything else in the comment is ignored, so a command can sit in a longer reply.
 */
export function parseCommand(body: string, slug: string): ParsedComment {
  const mention = new RegExp(`^[@/]${escapeRegExp(slug)}(?![\\w-])\\s*(.*)$`, "i");
  for (const line of ownLines(body)) {
    const match = mention.exec(line);
    if (!match) continue;
    const [name = "", ...args] = match[1]!.trim().split(/\s+/).filter(Boolean);
    const spec = COMMANDS[name.toLowerCase()];
    if (!spec) return { kind: "invalid", line, reason: name ? `I don't know the command \`${name.slice(0, 40)}\`` : "the command is missing" };
    const parsed = spec.parse(args);
    return typeof parsed === "string" ? { kind: "invalid", line, reason: parsed } : { kind: "command", command: parsed, line };
  }
  return { kind: "none" };
}

/** The commands as a reply lists them. */
export function renderUsage(slug: string): string {
  return Object.values(COMMANDS)
    .map((spec) => `- \`@${slug} ${spec.usage.split(" — ")[0]}\` — ${spec.usage.split(" — ")[1]}`)
    .join("\n");
}
