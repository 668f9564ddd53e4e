import { findCourt } from "../../../platform/estate";
import { Court } from "./court.type";

export const courtReferenceResolver = {
  __resolveReference(reference: { code?: unknown }): Court | null {
    const record = typeof reference.code === "string" ? findCourt(reference.code) : undefined;
    return record ? Court.from(record) : null;
  },
};
