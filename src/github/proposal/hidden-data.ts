/**
 * Machine-readable data hidden in a body as HTML comments (`<!-- headscout:NAME {json} -->`), and
 * the reading side, which only trusts comments outside code blocks: a paper's text reaches a body
 * raw only inside a code block (everywhere else `<` is escaped), so a forged marker there is ignored.
 */

// Inside a comment, JSON must not contain "-->" (or anything GitHub might read as a mention or
// reference in a raw-text view); \u escapes keep the value identical for JSON.parse.
const COMMENT_UNSAFE = /[<>&@#`]/g;

export function hiddenData(name: string, value: unknown): string {
  const json = JSON.stringify(value).replace(COMMENT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<!-- headscout:${name} ${json} -->`;
}

/** A bare hidden label without data (`<!-- headscout:checklist -->`). */
export function hiddenLabel(name: string): string {
  return `<!-- headscout:${name} -->`;
}

/** The JSON values of every `headscout:NAME` comment in a text, in order; malformed ones skipped. */
export function readHiddenData(text: string, name: string): unknown[] {
  const pattern = new RegExp(`<!--\\s*headscout:${name}\\s+([\\s\\S]*?)\\s*-->`, "g");
  const values: unknown[] = [];
  for (const [, json] of text.matchAll(pattern)) {
    try {
      values.push(JSON.parse(json!));
    } catch {
      // A maintainer's edit broke it: it says nothing.
    }
  }
  return values;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The body's lines with fenced code blocks blanked out (CommonMark's rule: a fence closes on a
 * line of at least as many of the same character). Line breaks may be \r\n: GitHub's editor sends them.
 */
export function linesOutsideCode(body: string): string[] {
  const lines = body.split(/\r?\n/);
  let fence: string | undefined;
  return lines.map((line) => {
    if (fence === undefined) {
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string may not contain a backtick (otherwise it is inline code).
      if (open && !(open[1]![0] === "`" && line.slice(line.indexOf(open[1]!) + open[1]!.length).includes("`"))) {
        fence = open[1]!;
        return "";
      }
      return line;
    }
    const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    if (closing.test(line)) fence = undefined;
    return "";
  });
}
