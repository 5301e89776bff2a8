import { z } from "zod";
import { readDataFile } from "../read-data-file.ts";

export const venueSchema = z.object({ label: z.string(), aliases: z.array(z.string()) });
export type Venue = z.infer<typeof venueSchema>;
const venuesFileSchema = z.object({ version: z.number().int(), venues: z.array(venueSchema) });

/** Folds case, punctuation and white space, so `ACL_Findings` and `ACL findings` compare equal. */
export function foldVenue(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export class VenueRegistry {
  private readonly byFolded = new Map<string, Venue>();
  constructor(readonly venues: readonly Venue[]) {
    for (const venue of venues) for (const s of [venue.label, ...venue.aliases]) this.byFolded.set(foldVenue(s), venue);
  }

  find(label: string): Venue | undefined {
    return this.byFolded.get(foldVenue(label));
  }
}

let defaultVenues: VenueRegistry | undefined;

/** The venue labels shipped in data/venues.json. */
export function loadVenueRegistry(): VenueRegistry {
  defaultVenues ??= new VenueRegistry(readDataFile("venues.json", venuesFileSchema, "venue registry").venues);
  return defaultVenues;
}
