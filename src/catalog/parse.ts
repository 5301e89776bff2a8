import type { CatalogDocument, CatalogFormat } from "./document.ts";
import { TextLines, splitLines } from "./document.ts";
import { parseBullets } from "./format/bullets/parse-bullets.ts";
import { detectFormat } from "./format/detect.ts";
import { parseHtml } from "./format/html/parse-html.ts";
import { parseMarkdown } from "./format/markdown/parse-markdown.ts";
import { loadHeadRegistry, type HeadRegistry } from "./registry.ts";

/**
 * Reads a catalog document in whichever of the three formats it uses. Never throws on bad rows:
 * they become `problems` (with line numbers) and the rest of the document still parses.
 */
export function parseCatalog(text: string, options: { registry?: HeadRegistry; format?: CatalogFormat } = {}): CatalogDocument {
  return parseLines(new TextLines(text), options);
}

/** parseCatalog for a caller that needs the document's line offsets too (insert), so they are found once. */
export function parseLines(source: TextLines, options: { registry?: HeadRegistry; format?: CatalogFormat } = {}): CatalogDocument {
  const registry = options.registry ?? loadHeadRegistry();
  const text = source.text;
  const format = options.format ?? detectFormat(source);
  if (format !== "html") {
    const lines = splitLines(text);
    return { format, lines, ...(format === "markdown" ? parseMarkdown(lines, registry) : parseBullets(lines, registry)) };
  }
  // The HTML parser reads lines from the text as it needs them; the array is split on first use.
  let lines: string[] | undefined;
  return {
    format,
    get lines() {
      return (lines ??= splitLines(text));
    },
    set lines(value) {
      lines = value;
    },
    ...parseHtml(source, registry),
  };
}
