import type { CatalogFormat, LineList } from "../document.ts";
import { isCatalogBullet } from "./bullets/parse-bullets.ts";

/**
 * The format a document's paper list uses: whichever shape its paper rows have most of.
 * A document with no rows at all counts as a bullet list (the catalog's first format).
 */
export function detectFormat(lines: LineList): CatalogFormat {
  let html = 0;
  let markdown = 0;
  let bullets = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines.at(i)!;
    // A few hundred rows of one shape settle it; no need to read a 10,000-row catalog to the end.
    if (html + markdown + bullets >= 300) break;
    if (line.includes("rowspan") && /<td\b[^>]*rowspan="2"/.test(line)) html++;
    else if (line.includes("|") && /^\s*\|\s*\d{4}-\d{2}-\d{2}\s*\|/.test(line)) markdown++;
    else if (line.includes("![") && isCatalogBullet(line)) bullets++;
  }
  if (html === 0 && markdown === 0 && bullets === 0) {
    if (someLine(lines, /<table\b/)) return "html";
    if (someLine(lines, /^\s*\|.*date.*\|/i)) return "markdown";
    return "bullets";
  }
  if (html >= markdown && html >= bullets) return "html";
  return markdown >= bullets ? "markdown" : "bullets";
}

function someLine(lines: LineList, re: RegExp): boolean {
  for (let i = 0; i < lines.length; i++) if (re.test(lines.at(i)!)) return true;
  return false;
}
