import { quoteExcerpt } from "../../../errors.ts";
import { escapeForGitHub } from "../escape.ts";

// Notes are usually one or two lines; a rebuild that dropped hundreds must not crowd out the papers.
const MAX_NOTES = 20;
const NOTE_CHARS = 500;

/** Things the maintainer should know, such as papers dropped on a rebuild; nothing when there are none. */
export function renderNotes(notes: readonly string[]): string | undefined {
  if (notes.length === 0) return undefined;
  const shown = notes.slice(0, MAX_NOTES).map((note) => `- ${escapeForGitHub(quoteExcerpt(note, NOTE_CHARS))}`);
  if (notes.length > MAX_NOTES) shown.push(`- … and ${notes.length - MAX_NOTES} more`);
  return ["### Notes", "", ...shown].join("\n");
}
