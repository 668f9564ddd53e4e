import { readFileSync } from "node:fs";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from "../subgraphs/kit/config";
import { envInt, envOptional, envString } from "../subgraphs/kit/env";
import { repoPath } from "../subgraphs/kit/repo-root";

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphSdl: string;
  /** Where each subgraph is reached; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  production: boolean;
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

/** Read once at start-up; fails fast naming the variable at fault. */
export function readGatewayConfig(): GatewayConfig {
  const supergraphPath = envString("SUPERGRAPH_PATH", repoPath("schema", "supergraph.graphql"));
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, envOptional(`${name.toUpperCase()}_URL`) ?? defaultSubgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  return {
    host: envString("HOST", "127.0.0.1"),
    port: envInt("GATEWAY_PORT", 4000),
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    subgraphUrls,
    production: process.env.NODE_ENV === "production",
  };
}
