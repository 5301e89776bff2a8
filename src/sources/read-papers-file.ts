import { z } from "zod";
import { HeadscoutError } from "../errors.ts";
import { paperSchema, type Paper } from "./paper.ts";

/**
 * Reads a papers file: what `headscout sources` prints (`{"papers": [...], "report": {...}}`) or a
 * bare array of papers. Every paper is validated; `source` names the file in errors.
 */
export function parsePapersFile(text: string, source: string): Paper[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HeadscoutError(`${source} is not valid JSON`, { cause: error });
  }
  const list = Array.isArray(raw) ? raw : (raw as { papers?: unknown })?.papers;
  if (!Array.isArray(list)) throw new HeadscoutError(`${source}: expected {"papers": [...]} or an array of papers`);
  const parsed = z.array(paperSchema).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HeadscoutError(`${source}: paper ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
