import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { rootFieldsOf } from "../operation-name";
import { activeSpan } from "./tracing";

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
