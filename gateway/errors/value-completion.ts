import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { GraphQLError } from "graphql";

/**
 * @apollo/gateway reports what it found wrong while completing values (a
 * subgraph's null for a non-null field, a value of the wrong type) in the
 * result's `extensions.valueCompletion`, with graphql-js's messages naming our
 * types and fields, outside formatError's reach. Here each becomes an ordinary
 * error (no public code, so formatError masks it as "Internal server error" at
 * its path and logs it) and no other result extension reaches a client.
 */
export function withValueCompletionMasked(inner: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => inner.onSchemaLoadOrUpdate(callback),
    stop: () => inner.stop(),
    async load(options) {
      const loaded = await inner.load(options);
      const execute = loaded.executor;
      if (!execute) return loaded;
      return {
        ...loaded,
        executor: async (requestContext) => {
          const { extensions, ...result } = await execute(requestContext);
          const completion = (extensions?.valueCompletion ?? []) as readonly { message?: string; path?: readonly (string | number)[] }[];
          if (completion.length === 0) return result;
          const errors = completion.map((error) => new GraphQLError(error.message ?? "value completion failed", { path: error.path }));
          return { ...result, errors: [...(result.errors ?? []), ...errors] };
        },
      };
    },
  };
}
