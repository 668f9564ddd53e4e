import type { GatewayExecutor } from "@apollo/server-gateway-interface";

/**
 * @apollo/gateway reports what it found wrong while completing values (a
 * subgraph's null for a non-null field, a value of the wrong type) in the
 * result's `extensions.valueCompletion`, with graphql-js's messages naming our
 * types and fields, outside formatError's reach. They are logged here and no
 * result extension reaches a client. They do not become errors: the data and
 * errors stay exactly what stock @apollo/gateway answers (the differential
 * conformance test holds us to that), only the internals are gone.
 */
export function valueCompletionMasked(execute: GatewayExecutor, log: (message: string) => void): GatewayExecutor {
  return async (requestContext) => {
    const { extensions, ...result } = await execute(requestContext);
    const completion = (extensions?.valueCompletion ?? []) as readonly { message?: string; path?: readonly (string | number)[] }[];
    for (const error of completion) log(`value completion at ${JSON.stringify(error.path ?? [])}: ${error.message}`);
    return result;
  };
}
