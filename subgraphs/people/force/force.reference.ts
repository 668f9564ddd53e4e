import { findForce } from "../../../platform/estate";
import { Force } from "./force.type";

/** Estate data is in memory: no loader needed, no query issued. */
export const forceReferenceResolver = {
  __resolveReference(reference: { code?: unknown }): Force | null {
    const record = typeof reference.code === "string" ? findForce(reference.code) : undefined;
    return record ? Force.from(record) : null;
  },
};
