import type { PeopleContext } from "../context";
import type { Person } from "./person.type";

export const personReferenceResolver = {
  __resolveReference(reference: { id?: unknown }, context: PeopleContext): Promise<Person | null> | null {
    return typeof reference.id === "string" ? context.loaders.personById.load(reference.id) : null;
  },
};
