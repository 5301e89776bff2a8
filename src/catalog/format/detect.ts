import type { CatalogFormat } from "../document.ts";
import { isCatalogBullet } from "./bullets/parse-bullets.ts";

/**
 * The format a document's paper list uses: whichever shape its paper rows have most of.
 * A document with no rows at all counts as a bullet list (the catalog's first format).
 */
export function detectFormat(lines: readonly string[]): CatalogFormat {
  const rows = { html: 0, markdown: 0, bullets: 0 };
  for (const line of lines) {
    // A few hundred rows of one shape settle it.
    if (rows.html + rows.markdown + rows.bullets >= 300) break;
    if (/<td\b[^>]*rowspan="2"/.test(line)) rows.html++;
    else if (/^\s*\|\s*\d{4}-\d{2}-\d{2}\s*\|/.test(line)) rows.markdown++;
    else if (isCatalogBullet(line)) rows.bullets++;
  }
  if (rows.html === 0 && rows.markdown === 0 && rows.bullets === 0) {
    if (lines.some((l) => /<table\b/.test(l))) return "html";
    if (lines.some((l) => /^\s*\|.*date.*\|/i.test(l))) return "markdown";
    return "bullets";
  }
  if (rows.html >= rows.markdown && rows.html >= rows.bullets) return "html";
  return rows.markdown >= rows.bullets ? "markdown" : "bullets";
}
