import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";

export const hearingReferenceResolver = {
  __resolveReference(reference: { id?: unknown }, context: HearingsContext): Promise<CourtHearing | null> | null {
    return typeof reference.id === "string" ? context.loaders.hearingById.load(reference.id) : null;
  },
};
