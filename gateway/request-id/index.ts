import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { nameRequestScope } from "../../platform/request-scope";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";

/** The response header that names the request: the id the subgraphs saw in their identity assertions. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * Answers every authenticated request with its id, so a caller can quote it
 * and an operator (or a test) can find what it caused in every subgraph and
 * its record in the audit trail.
 */
const requestIdHeader: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
      },
    };
  },
};

/**
 * The request id as a gateway concern: a fresh id per authenticated request,
 * named in the request scope (so the SQL and subgraph calls it causes are
 * attributed to it) and sent back in x-request-id.
 */
export function createRequestId(): GatewayConcern {
  return {
    name: "request id",
    async context() {
      const requestId = randomUUID();
      nameRequestScope(requestId);
      return { requestId };
    },
    plugins: [requestIdHeader],
  };
}
