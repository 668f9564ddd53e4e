import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { parse, printSchema } from "graphql";
import { SUBGRAPH_NAMES, type SubgraphName } from "../../domain/topology";
import { AUDIT_SUBGRAPH_NAME, auditSubgraphSchema } from "../../gateway/audit/graph";
import { defaultSubgraphUrl } from "../../gateway/config";
import { subgraphSchema } from "../../platform/subgraph/subgraph";
import { SUBGRAPHS } from "../../subgraphs/registry";

/** Every subgraph of the supergraph: the four services and the audit trail the gateway serves itself. */
export const COMPOSED_SUBGRAPH_NAMES = [...SUBGRAPH_NAMES, AUDIT_SUBGRAPH_NAME] as const;
export type ComposedSubgraphName = (typeof COMPOSED_SUBGRAPH_NAMES)[number];

/** Where the supergraph file says the in-process audit subgraph is; the gateway never fetches it over HTTP. */
const IN_PROCESS_URL = "http://in-process.invalid/audit";

export interface Composition {
  subgraphSdl: Record<ComposedSubgraphName, string>;
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
  const subgraphSdl = {} as Record<ComposedSubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) subgraphSdl[name] = printSubgraphSchema(await subgraphSchema(SUBGRAPHS[name]));
  subgraphSdl[AUDIT_SUBGRAPH_NAME] = printSubgraphSchema(auditSubgraphSchema());
  const url = (name: ComposedSubgraphName) => (name === AUDIT_SUBGRAPH_NAME ? IN_PROCESS_URL : defaultSubgraphUrl(name as SubgraphName));
  const result = composeServices(COMPOSED_SUBGRAPH_NAMES.map((name) => ({ name, url: url(name), typeDefs: parse(subgraphSdl[name]) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join("\n")}`);
  }
  return {
    subgraphSdl,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}

// The contract check is the gateway's too: it refuses a reloaded supergraph that breaks the contract.
export { contractBreakingChanges } from "../../gateway/supergraph/contract";
