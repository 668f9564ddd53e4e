import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";

export const hearingReference = {
  __resolveReference(reference: { id?: unknown }, context: HearingsContext): Promise<CourtHearing | null> | null {
    return typeof reference.id === "string" ? context.loaders.hearingById.load(reference.id) : null;
  },
};
