import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { HeadscoutError } from "../../errors.ts";
import type { Paper } from "../../sources/paper.ts";
import { paperKey } from "../text.ts";
import type { LlmAnswer } from "./schema.ts";

/**
 * Where validated LLM answers are kept, keyed by (paper id + version, prompt version, model), so
 * that no paper is paid for twice. The app adds a persistent store behind the same interface.
 */
export interface AnswerCache {
  get(key: string): Promise<LlmAnswer | undefined>;
  set(key: string, answer: LlmAnswer): Promise<void>;
}

/**
 * Unlike the paper's identity, the cache key keeps the arXiv version: a new version may say
 * something new, so it is judged again (its identity, and so the catalog's duplicate check, is the same).
 */
export function cacheKey(paper: Pick<Paper, "ids" | "title">, promptVersion: string, model: string): string {
  const version = paper.ids.arxivVersion ? `v${paper.ids.arxivVersion}` : "";
  return `${paperKey(paper)}${version}|${promptVersion}|${model}`;
}

export class MemoryAnswerCache implements AnswerCache {
  private readonly entries = new Map<string, LlmAnswer>();

  async get(key: string): Promise<LlmAnswer | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, answer: LlmAnswer): Promise<void> {
    this.entries.set(key, answer);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A JSON file of answers; each write replaces the file atomically (write + rename). */
export class FileAnswerCache implements AnswerCache {
  private entries: Map<string, LlmAnswer> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  private async load(): Promise<Map<string, LlmAnswer>> {
    if (this.entries) return this.entries;
    let text: string | undefined;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new HeadscoutError(`Cannot read LLM cache ${this.path}`, { cause: error });
    }
    try {
      this.entries = new Map(Object.entries(text ? (JSON.parse(text) as Record<string, LlmAnswer>) : {}));
    } catch (error) {
      throw new HeadscoutError(`LLM cache ${this.path} is not valid JSON (delete it to start afresh)`, { cause: error });
    }
    return this.entries;
  }

  async get(key: string): Promise<LlmAnswer | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, answer: LlmAnswer): Promise<void> {
    const entries = await this.load();
    entries.set(key, answer);
    // Writes are chained so concurrent sets never interleave on disk.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.tmp`;
      await writeFile(tmp, `${JSON.stringify(Object.fromEntries(entries), null, 1)}\n`);
      await rename(tmp, this.path);
    });
    await this.writing;
  }
}
