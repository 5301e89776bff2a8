import { IDENTITY_KEY_NAMES, IdentityIndex, identityOfEntry } from "../paper/identity.ts";
import type { CatalogDocument, ParsedEntry, Problem } from "./document.ts";
import type { VenueRegistry } from "./venues.ts";

/**
 * Everything a maintainer should look at in a parsed catalog: rows that do not parse, badges that
 * do not decode, unknown or aliased tags and venues, dates out of order, and duplicate papers.
 */
export function lintCatalog(doc: CatalogDocument, venues: VenueRegistry): Problem[] {
  const problems: Problem[] = [...doc.problems];
  for (const section of doc.sections) {
    for (let k = 1; k < section.entries.length; k++) {
      const a = doc.entries[section.entries[k - 1]!]!;
      const b = doc.entries[section.entries[k]!]!;
      const [da, db] = doc.format === "bullets" ? [a.entry.date.slice(0, 4), b.entry.date.slice(0, 4)] : [a.entry.date, b.entry.date];
      if (db > da) {
        problems.push({ line: b.start + 1, kind: "date-order", message: `${b.entry.date} comes after the older ${a.entry.date} (line ${a.start + 1}); the list is newest first` });
      }
    }
    for (const i of section.entries) {
      const e = doc.entries[i]!;
      if ((section.from && e.entry.date < section.from) || (section.to && e.entry.date.slice(0, section.to.length) > section.to)) {
        problems.push({ line: e.start + 1, kind: "date-order", message: `${e.entry.date} does not belong in section '${section.title}'` });
      }
    }
  }
  const earlier = new IdentityIndex<ParsedEntry>();
  for (const b of doc.entries) {
    const identity = identityOfEntry(b.entry);
    const match = earlier.find(identity);
    if (match) {
      problems.push({ line: b.start + 1, kind: "duplicate", message: `'${b.entry.title}' duplicates line ${match.item.start + 1} (same ${IDENTITY_KEY_NAMES[match.key]})` });
    }
    earlier.add(identity, b);
    for (const link of b.entry.links) {
      if (link.kind !== "paper") continue;
      const venue = venues.find(link.label);
      if (venue && venue.label !== link.label && venue.label.replace(/ /g, "_") !== link.label) {
        problems.push({ line: b.start + 1, kind: "aliased-venue", message: `venue '${link.label}' is an alias of '${venue.label}'` });
      }
    }
  }
  return problems.sort((x, y) => x.line - y.line);
}
