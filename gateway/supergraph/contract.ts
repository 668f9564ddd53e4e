import { buildSchema, findBreakingChanges, type BreakingChange } from "graphql";

/** What the API schema breaks of the public contract (schema/contract.graphql); must be empty. */
export function contractBreakingChanges(contractSdl: string, apiSchemaSdl: string): BreakingChange[] {
  return findBreakingChanges(buildSchema(contractSdl), buildSchema(apiSchemaSdl));
}
