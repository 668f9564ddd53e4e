import { GraphQLError } from "graphql";

/**
 * Apollo Router's error for a field or type the caller may not see. The
 * gateway and the subgraphs (defending in depth) refuse with the same one.
 * Without a path, graphql-js gives it the path of the field that threw it.
 */
export function unauthorizedFieldError(path?: readonly string[]): GraphQLError {
  return new GraphQLError("Unauthorized field or type", {
    path,
    extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" },
  });
}
