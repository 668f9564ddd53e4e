import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import { activeSpan } from "./tracing";

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

/** Puts the operation's type and root fields on the request's span once Apollo Server has resolved it. */
export function operationSpanPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation)
            activeSpan()?.setAttributes({ "graphql.operation.type": operation.operation, "graphql.root_fields": rootFieldsOf(operation) });
        },
      };
    },
  };
}
