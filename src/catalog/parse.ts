import type { CatalogDocument, CatalogFormat, Problem } from "./document.ts";
import { parseBullets } from "./format/bullets/parse-bullets.ts";
import { detectFormat } from "./format/detect.ts";
import { parseHtml } from "./format/html/parse-html.ts";
import { parseMarkdown } from "./format/markdown/parse-markdown.ts";
import { loadHeadRegistry, type HeadRegistry } from "./registry.ts";
import { badCharacterReference } from "./sanitize.ts";

const PARSERS = { html: parseHtml, markdown: parseMarkdown, bullets: parseBullets };

/**
 * Reads a catalog document in whichever of the three formats it uses. Never throws on bad rows:
 * they become `problems` (with line numbers) and the rest of the document still parses.
 */
export function parseCatalog(text: string, options: { registry?: HeadRegistry; format?: CatalogFormat } = {}): CatalogDocument {
  const registry = options.registry ?? loadHeadRegistry();
  const lines = text.split("\n");
  const format = options.format ?? detectFormat(lines);
  const parsed = PARSERS[format](lines, registry, text);
  return { format, text, lines, ...parsed, problems: [...parsed.problems, ...characterReferenceProblems(lines)] };
}

/** A line that writes a character no code point can be (`&#x110000;`): the text keeps it as written. */
function characterReferenceProblems(lines: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  lines.forEach((line, i) => {
    const reference = line.includes("&#") ? badCharacterReference(line) : undefined;
    if (reference) problems.push({ line: i + 1, kind: "bad-character-reference", message: `${reference} is beyond U+10FFFF, the last Unicode code point; it is kept as written` });
  });
  return problems;
}
