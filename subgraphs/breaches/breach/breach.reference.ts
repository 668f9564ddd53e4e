import type { BreachesContext } from "../context";
import type { BreachOffence } from "./breach.type";

export const breachReferenceResolver = {
  __resolveReference(reference: { id?: unknown }, context: BreachesContext): Promise<BreachOffence | null> | null {
    return typeof reference.id === "string" ? context.loaders.breachById.load(reference.id) : null;
  },
};
