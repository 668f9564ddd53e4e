import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { buildSchema, findBreakingChanges, parse, printSchema, type BreakingChange } from "graphql";
import { defaultSubgraphUrl } from "../gateway/config";
import { SUBGRAPH_NAMES, type SubgraphName } from "../subgraphs/kit/config";
import { subgraphSchema } from "../subgraphs/kit/subgraph";
import { SUBGRAPHS } from "../subgraphs/registry";

export interface Composition {
  subgraphSdl: Record<SubgraphName, string>;
  supergraphSdl: string;
  /** The client-facing schema (what the gateway serves), as SDL. */
  apiSchemaSdl: string;
}

/**
 * Prints each subgraph's SDL from the code and composes the supergraph with
 * @apollo/composition. Runs in-process from the subgraph definitions, so no
 * service needs to be running.
 */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphSdl = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) subgraphSdl[name] = printSubgraphSchema(await subgraphSchema(SUBGRAPHS[name]));
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: defaultSubgraphUrl(name), typeDefs: parse(subgraphSdl[name]) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join("\n")}`);
  }
  return {
    subgraphSdl,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}

/** What the API schema breaks of the public contract; must be empty. */
export function contractBreakingChanges(contractSdl: string, apiSchemaSdl: string): BreakingChange[] {
  return findBreakingChanges(buildSchema(contractSdl), buildSchema(apiSchemaSdl));
}
