import type { CatalogFormat } from "../document.ts";
import { isCatalogBullet } from "./bullets/parse-bullets.ts";

/**
 * The format a document's paper list uses: whichever shape its paper rows have most of.
 * A document with no rows at all counts as a bullet list (the catalog's first format).
 */
export function detectFormat(lines: readonly string[]): CatalogFormat {
  let html = 0;
  let markdown = 0;
  let bullets = 0;
  for (const line of lines) {
    // A few hundred rows of one shape settle it; no need to read a 10,000-row catalog to the end.
    if (html + markdown + bullets >= 300) break;
    if (line.includes("rowspan") && /<td\b[^>]*rowspan="2"/.test(line)) html++;
    else if (line.includes("|") && /^\s*\|\s*\d{4}-\d{2}-\d{2}\s*\|/.test(line)) markdown++;
    else if (line.includes("![") && isCatalogBullet(line)) bullets++;
  }
  if (html === 0 && markdown === 0 && bullets === 0) {
    if (lines.some((l) => /<table\b/.test(l))) return "html";
    if (lines.some((l) => /^\s*\|.*date.*\|/i.test(l))) return "markdown";
    return "bullets";
  }
  if (html >= markdown && html >= bullets) return "html";
  return markdown >= bullets ? "markdown" : "bullets";
}
