import assert from "node:assert";
import type { GraphQLFormattedError } from "graphql";
import type { SubgraphServer } from "../../subgraphs/kit/subgraph";

export interface ExecutionResult<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

/** Runs one operation against a subgraph server with a fresh request context. */
export async function executeOnSubgraph<TData = Record<string, any>, TLoaders = unknown>(
  server: SubgraphServer<TLoaders>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<ExecutionResult<TData>> {
  const response = await server.apollo.executeOperation<TData>(
    { query, variables },
    { contextValue: server.createContext() },
  );
  assert(response.body.kind === "single", "expected a single (non-incremental) response");
  return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}
