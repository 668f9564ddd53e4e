import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";
import { contractBreakingChanges } from "./contract";

/**
 * Why a supergraph may not be served, or undefined if it may: it does not parse or is not a valid supergraph
 * (what @apollo/gateway would refuse or half-load), or its API schema breaks the public contract (what
 * `npm run compose` refuses too). The reason names schema elements only, never data.
 */
export function supergraphRefusal(supergraphSdl: string, contractSdl: string | undefined): string | undefined {
  let apiSchemaSdl: string;
  try {
    apiSchemaSdl = printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
  } catch (error) {
    return `not a valid supergraph: ${summaryOf(error)}`;
  }
  if (contractSdl === undefined) return undefined;
  const breaking = contractBreakingChanges(contractSdl, apiSchemaSdl);
  if (breaking.length === 0) return undefined;
  return `breaks the public contract: ${breaking.map((change) => change.description).join(" ")}`;
}

/** An error's first line, and the first cause when that line only announces causes ("… Caused by:"). */
export function summaryOf(error: unknown): string {
  const lines = String((error as Error | undefined)?.message ?? error)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines[0]?.endsWith(":") && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? "unknown error");
}
