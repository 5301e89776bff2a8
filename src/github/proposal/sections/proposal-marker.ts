import { z } from "zod";
import { hiddenData, linesOutsideCode, readHiddenData } from "../hidden-data.ts";
import type { ProposalMode } from "../types.ts";

/** The body format; a reader seeing a newer one knows it may not understand it. */
export const PROPOSAL_FORMAT_VERSION = 1;
const NAME = "proposal";

const markerSchema = z.object({
  version: z.number().int().positive(),
  mode: z.enum(["grouped", "per-paper"]),
  papers: z.array(z.string()),
  catalogPath: z.string(),
});

export interface ProposalMarker {
  version: number;
  mode: ProposalMode;
  /** The paper keys this pull request proposes (`arxiv:2407.15891`). */
  papers: string[];
  catalogPath: string;
}

export function renderProposalMarker(marker: Omit<ProposalMarker, "version">): string {
  return hiddenData(NAME, { version: PROPOSAL_FORMAT_VERSION, mode: marker.mode, papers: marker.papers, catalogPath: marker.catalogPath });
}

/**
 * The machine-readable ids of a headscout pull request body, or undefined when it has none (or a
 * maintainer's edit broke it). Markers inside code blocks are not ours (a paper's text shows raw only
 * there); of the others, the last one counts, since the body ends with it.
 */
export function parseProposalMarker(body: string): ProposalMarker | undefined {
  const found = readHiddenData(linesOutsideCode(body).join("\n"), NAME);
  for (const value of found.reverse()) {
    const marker = markerSchema.safeParse(value);
    if (marker.success) return marker.data;
  }
  return undefined;
}
