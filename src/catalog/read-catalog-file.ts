import { readFileSync } from "node:fs";
import { HeadscoutError } from "../errors.ts";
import type { CatalogDocument } from "./document.ts";
import { parseCatalog } from "./parse.ts";

const ONLY_UTF8 = "headscout only edits UTF-8 files";

/**
 * A catalog's bytes as text, refusing anything that would not be written back byte for byte:
 * UTF-16, binary files and invalid UTF-8 (a Latin-1 catalog once had two lines rewritten with
 * U+FFFD). A UTF-8 byte-order mark and CRLF line ends are kept as they are. `name` is the file
 * as the user gave it.
 */
export function decodeCatalogBytes(bytes: Uint8Array, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new HeadscoutError(`catalog ${name} is UTF-16 (byte-order mark ${hex(bytes[0]!)} ${hex(bytes[1]!)}); ${ONLY_UTF8}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new HeadscoutError(`catalog ${name} is binary or UTF-16 (a NUL byte at offset ${nul}); ${ONLY_UTF8}`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    const at = firstInvalidByte(bytes);
    throw new HeadscoutError(`catalog ${name} is not valid UTF-8 (byte ${hex(bytes[at]!)} at offset ${at}); ${ONLY_UTF8}`, { cause, causeDescribed: true });
  }
  // The promise behind every edit: what is written back differs from the file only by inserted bytes.
  if (Buffer.compare(Buffer.from(text, "utf8"), bytes) !== 0) {
    throw new HeadscoutError(`catalog ${name} does not read back to the same bytes; refusing to edit it`);
  }
  return text;
}

/**
 * Throws "no catalog found" unless the document holds a paper list the engine recognises (a table
 * whose header names a date and a paper column, or a list of catalog bullets), even an empty one.
 * An empty file, a binary one or prose would otherwise read as a catalog of 0 entries.
 */
export function requireCatalog(document: CatalogDocument, name: string): CatalogDocument {
  if (document.sections.length === 0 && document.entries.length === 0) {
    throw new HeadscoutError(`no catalog found in ${name}: it has no paper table or list of papers`);
  }
  return document;
}

/**
 * Reads and decodes a catalog file without parsing it, for a caller that parses it anyway (call
 * `requireCatalog` on that document); every refusal names the file.
 */
export function readCatalogText(path: string, name = path): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new HeadscoutError(`cannot read catalog ${name}`, { cause });
  }
  return decodeCatalogBytes(bytes, name);
}

/** Reads, decodes and parses a catalog file, refusing one that holds no catalog. */
export function readCatalogFile(path: string, name = path): { text: string; document: CatalogDocument } {
  const text = readCatalogText(path, name);
  return { text, document: requireCatalog(parseCatalog(text), name) };
}

/**
 * The offset of the first byte the strict decoder rejects. The lenient decoder turns exactly the
 * bytes before it into valid text, so its UTF-8 length is the offset; a U+FFFD the file really
 * holds (EF BF BD) is skipped over.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  for (let i = lenient.indexOf("\uFFFD"); i >= 0; i = lenient.indexOf("\uFFFD", i + 1)) {
    const offset = Buffer.byteLength(lenient.slice(0, i), "utf8");
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length - 1;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
