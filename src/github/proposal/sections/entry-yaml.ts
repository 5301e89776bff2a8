import { stringify } from "yaml";
import type { Entry } from "../../../catalog/entry.ts";
import { cleanUntrusted, fencedBlock } from "../escape.ts";

/** Every string of a value with invisible characters dropped (and white space folded). */
function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return cleanUntrusted(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)]));
  return value;
}

// Every value is a double-quoted string (keys are the entry model's plain names), so these
// characters can only sit inside a string, where YAML's \x escapes mean the same text. The block
// then holds no mention, issue reference, HTML or backtick even in a raw-text view of the body.
const RAW_UNSAFE = /[@#<>&`]/g;

/**
 * The entry as a YAML block in the catalog's entry model (date, title, tags, summary, links; the
 * identity keys are left out, the paper id is shown beside it): `entrySchema.parse(YAML.parse(block))`
 * gives the entry back, for a maintainer or a script.
 */
export function renderEntryYaml(entry: Entry): string {
  const { date, title, tags, summary, links } = entry;
  const yaml = stringify(cleanStrings({ date, title, tags, summary, links }), {
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "PLAIN",
    lineWidth: 0,
    aliasDuplicateObjects: false, // an anchor's "&" would be escaped away below
  }).replace(RAW_UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return fencedBlock(yaml.trimEnd(), "yaml");
}
