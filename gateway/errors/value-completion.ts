import type { GatewayInterface } from "@apollo/server-gateway-interface";

/**
 * @apollo/gateway reports what it found wrong while completing values (a
 * subgraph's null for a non-null field, a value of the wrong type) in the
 * result's `extensions.valueCompletion`, with graphql-js's messages naming our
 * types and fields, outside formatError's reach. They are logged here and no
 * result extension reaches a client. They do not become errors: the data and
 * errors stay exactly what stock @apollo/gateway answers (the differential
 * conformance test holds us to that), only the internals are gone.
 */
export function withValueCompletionMasked(inner: GatewayInterface, log: (message: string) => void): GatewayInterface {
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
          for (const error of completion) log(`value completion at ${JSON.stringify(error.path ?? [])}: ${error.message}`);
          return result;
        },
      };
    },
  };
}
