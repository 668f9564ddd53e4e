import { Kind, type OperationDefinitionNode } from "graphql";

/** A GraphQL name of at most 64 characters: operation names are the client's choice and are not cut. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * An operation name as logs, metrics and spans write it: past a GraphQL
 * name's bound it is "(other)", so a client cannot write a line, a label or
 * an attribute of any length or content it likes.
 */
export function operationNameOf(name: string | undefined): string | null {
  if (name === undefined) return null;
  return OPERATION_NAME.test(name) ? name : "(other)";
}

/**
 * The root fields an operation selects, sorted, once each (the schema's names:
 * bounded by it, chosen by no client): what a span or a metric may say of an
 * operation a subgraph serves, whose operation name the gateway made from the
 * client's.
 */
export function rootFieldsOf(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return "(none)";
  const names = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else names.add("(fragment)");
  }
  return [...names].sort().join(",") || "(none)";
}
