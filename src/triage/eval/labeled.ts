import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HeadscoutError } from "../../errors.ts";
import { parseJsonLines } from "./json-lines.ts";
import type { Paper } from "../../sources/paper.ts";

/** A paper with its gold label: what `headscout eval` measures against. */
export interface LabeledPaper {
  paper: Paper;
  relevant: boolean;
  /** Catalog head types, when the label gives them. */
  tags?: string[];
  /** The stream day it was announced on, when known. */
  day?: string;
}

// papers.dev.jsonl: one paper per line with its label.
const devRowSchema = z.object({
  arxiv_id: z.string().nullish(),
  openreview_id: z.string().nullish(),
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.array(z.string()).default([]),
  published: z.string().nullish(),
  primary_category: z.string().nullish(),
  label: z.enum(["relevant", "irrelevant"]),
  tags: z.array(z.string()).default([]),
});

// The stream's papers.jsonl (optionally joined with its label, `label` present).
const streamRowSchema = z.object({
  id: z.string().min(1),
  day: z.string(),
  title: z.string().min(1),
  abstract: z.string(),
  categories: z.array(z.string()).default([]),
  authors: z.array(z.string()).default([]),
  label: z.enum(["relevant", "irrelevant"]).optional(),
  tags: z.array(z.string()).optional(),
});

const streamLabelSchema = z.object({
  id: z.string(),
  label: z.enum(["relevant", "irrelevant"]),
  tags: z.array(z.string()).default([]),
});

function arxivLinks(id: string): Paper["links"] {
  return { abstract: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` };
}

export function paperFromDevRow(row: z.infer<typeof devRowSchema>): Paper {
  const published = row.published && /^\d{4}-\d{2}-\d{2}/.test(row.published) ? row.published.slice(0, 10) : "1970-01-01";
  return {
    ids: {
      ...(row.arxiv_id ? { arxiv: row.arxiv_id } : {}),
      ...(row.openreview_id ? { openreview: row.openreview_id } : {}),
    },
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    published,
    ...(row.primary_category ? { primaryCategory: row.primary_category } : {}),
    categories: row.primary_category ? [row.primary_category] : [],
    links: row.arxiv_id
      ? arxivLinks(row.arxiv_id)
      : row.openreview_id
        ? { openreview: `https://openreview.net/forum?id=${row.openreview_id}` }
        : {},
    sources: row.openreview_id && !row.arxiv_id ? ["openreview"] : ["arxiv"],
  };
}

export function paperFromStreamRow(row: z.infer<typeof streamRowSchema>): Paper {
  return {
    ids: { arxiv: row.id },
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    published: row.day,
    ...(row.categories[0] ? { primaryCategory: row.categories[0] } : {}),
    categories: row.categories,
    links: arxivLinks(row.id),
    sources: ["arxiv"],
  };
}

/**
 * Parses a labelled JSONL file: rows in the format of papers.dev.jsonl, or stream rows
 * (`id`, `day`, …) that carry a `label`. `source` names the file in errors.
 */
export function parseLabeledJsonl(text: string, source: string): LabeledPaper[] {
  return parseJsonLines(text, source).map(({ line, value }) => {
    const dev = devRowSchema.safeParse(value);
    if (dev.success) return { paper: paperFromDevRow(dev.data), relevant: dev.data.label === "relevant", tags: dev.data.tags };
    const stream = streamRowSchema.safeParse(value);
    if (stream.success && stream.data.label) {
      return {
        paper: paperFromStreamRow(stream.data),
        relevant: stream.data.label === "relevant",
        ...(stream.data.tags ? { tags: stream.data.tags } : {}),
        day: stream.data.day,
      };
    }
    throw new HeadscoutError(
      `${source} line ${line}: expected a labelled paper (papers.dev.jsonl format, or a stream row with "label"): ${dev.error.issues[0]?.path.join(".")}: ${dev.error.issues[0]?.message}`,
    );
  });
}

/** Stream rows of papers.jsonl, unlabelled. */
export function parseStreamPapers(text: string, source: string): (Paper & { day: string })[] {
  return parseJsonLines(text, source).map(({ line, value }) => {
    const row = streamRowSchema.safeParse(value);
    if (!row.success) throw new HeadscoutError(`${source} line ${line}: not a stream paper: ${row.error.issues[0]?.message}`);
    return { ...paperFromStreamRow(row.data), day: row.data.day };
  });
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new HeadscoutError(`Cannot read ${path}`, { cause: error });
  }
}

/**
 * A stream folder (papers.jsonl, labels.dev.jsonl, labelled-days.json) as a labelled set: every
 * paper of a labelled day, with the papers absent from the labels counted irrelevant (the
 * labelling rule says the labels list every paper of those days that mentions heads).
 */
export async function loadLabeledStream(dir: string): Promise<LabeledPaper[]> {
  const papers = parseStreamPapers(await readText(join(dir, "papers.jsonl")), join(dir, "papers.jsonl"));
  const labels = new Map<string, z.infer<typeof streamLabelSchema>>();
  const labelsFile = join(dir, "labels.dev.jsonl");
  for (const { line, value } of parseJsonLines(await readText(labelsFile), labelsFile)) {
    const row = streamLabelSchema.safeParse(value);
    if (!row.success) throw new HeadscoutError(`${labelsFile} line ${line}: ${row.error.issues[0]?.message}`);
    labels.set(row.data.id, row.data);
  }
  const daysFile = join(dir, "labelled-days.json");
  let daysRaw: unknown;
  try {
    daysRaw = JSON.parse(await readText(daysFile));
  } catch (error) {
    throw new HeadscoutError(`${daysFile} is not valid JSON`, { cause: error });
  }
  const days = z.object({ labelled_days: z.array(z.string()) }).safeParse(daysRaw);
  if (!days.success) throw new HeadscoutError(`${daysFile}: expected {"labelled_days": [...]}`);
  const labelled = new Set(days.data.labelled_days);
  return papers
    .filter((p) => labelled.has(p.day))
    .map(({ day, ...paper }) => {
      const label = labels.get(paper.ids.arxiv!);
      return {
        paper,
        relevant: label?.label === "relevant",
        tags: label?.tags ?? [],
        day,
      };
    });
}
