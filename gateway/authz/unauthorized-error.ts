import { GraphQLError } from "graphql";

/** Apollo Router's error for a field or type the caller may not see. */
export function unauthorizedFieldError(path: readonly string[]): GraphQLError {
  return new GraphQLError("Unauthorized field or type", {
    path,
    extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" },
  });
}
