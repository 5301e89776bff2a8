import { z } from "zod";
import { readDataFile } from "../read-data-file.ts";

export const headTypeSchema = z.object({
  /** Canonical name: "Induction Head". */
  name: z.string(),
  /** The shields.io badge slug as the catalog spells it: "Induction_Head". */
  slug: z.string(),
  /** Other spellings the catalog has used for the same head type. */
  aliases: z.array(z.string()),
  description: z.string(),
});
export type HeadType = z.infer<typeof headTypeSchema>;

export const registryFileSchema = z.object({
  version: z.number().int(),
  heads: z.array(headTypeSchema),
});

/** Folds case, hyphens, underscores and spaces, so "S--Inhibition_Head" finds "S-Inhibition Head". */
export function foldHeadName(name: string): string {
  return name.toLowerCase().replace(/heads?$/, "head").replace(/[^a-z0-9]+/g, "");
}

export class HeadRegistry {
  readonly heads: readonly HeadType[];
  private readonly byFolded = new Map<string, HeadType>();

  constructor(heads: readonly HeadType[]) {
    this.heads = heads;
    for (const head of heads) {
      for (const spelling of [head.name, head.slug, ...head.aliases]) {
        this.byFolded.set(foldHeadName(spelling), head);
      }
    }
  }

  /** The head type a name, slug or alias refers to, or undefined for an unknown one. */
  find(nameOrAlias: string): HeadType | undefined {
    return this.byFolded.get(foldHeadName(nameOrAlias));
  }
}

let defaultRegistry: HeadRegistry | undefined;

/** The registry shipped in data/heads.json. */
export function loadHeadRegistry(): HeadRegistry {
  defaultRegistry ??= new HeadRegistry(readDataFile("heads.json", registryFileSchema, "head registry").heads);
  return defaultRegistry;
}
