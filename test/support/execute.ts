import assert from "node:assert";
import type { GraphQLFormattedError } from "graphql";
import type { Principal } from "../../platform/identity/principal";
import type { SubgraphServer } from "../../platform/subgraph/subgraph";
import { EVERY_SCOPE_NATIONAL } from "./identity";

export interface ExecutionResult<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

/** Runs one operation against a subgraph server with a fresh request context for `principal`. */
export async function executeOnSubgraph<TData = Record<string, any>, TLoaders = unknown>(
  server: SubgraphServer<TLoaders>,
  query: string,
  variables?: Record<string, unknown>,
  principal: Principal = EVERY_SCOPE_NATIONAL,
): Promise<ExecutionResult<TData>> {
  const response = await server.apollo.executeOperation<TData>({ query, variables }, { contextValue: server.createContext(principal) });
  assert(response.body.kind === "single", "expected a single (non-incremental) response");
  return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}
