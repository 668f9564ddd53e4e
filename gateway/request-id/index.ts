import type http from "node:http";
import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { nameRequestScope } from "../../platform/request-scope";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";

/** The response header that names the request: the id the subgraphs saw in their identity assertions. */
export const REQUEST_ID_HEADER = "x-request-id";

/** The id given to each HTTP request as it arrived. */
const requestIds = new WeakMap<http.IncomingMessage, string>();

/** The id the gateway gave this HTTP request on arrival, if it came through the gateway's HTTP service. */
export function requestIdOf(request: http.IncomingMessage): string | undefined {
  return requestIds.get(request);
}

/**
 * Answers every request with its id, so a caller can quote it and an operator
 * (or a test) can find what it caused in every subgraph and its record in the
 * audit trail. Set again here for requests that reach Apollo Server without
 * the gateway's HTTP service (its result's headers replace the response's).
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
 * The request id as a gateway concern: a fresh id per request as it arrives,
 * before its caller is known, so the log lines of a refused request (a bad
 * token, a body too large) carry it as well as those of an answered one;
 * named in the request scope (log lines, SQL and subgraph calls are
 * attributed to it) and sent back in x-request-id on every answer.
 */
export function createRequestId(): GatewayConcern {
  return {
    name: "request id",
    beforeGraphQL(request, response) {
      const requestId = randomUUID();
      requestIds.set(request, requestId);
      nameRequestScope(requestId);
      response.setHeader(REQUEST_ID_HEADER, requestId);
    },
    async context(request) {
      // A request handed to Apollo Server by other means than the HTTP service (a test) gets its id here.
      const requestId = requestIdOf(request) ?? randomUUID();
      nameRequestScope(requestId);
      return { requestId };
    },
    plugins: [requestIdHeader],
  };
}
