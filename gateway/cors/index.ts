import type http from "node:http";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { JUSTIFICATION_HEADER } from "../audit/justification";
import type { GatewayConcern } from "../concern";
import { REQUEST_ID_HEADER } from "../request-id";

/** What a browser page of a listed origin may send, and read back. */
const ALLOWED_METHODS = "GET, POST";
const ALLOWED_HEADERS = ["authorization", "content-type", JUSTIFICATION_HEADER, "apollo-require-preflight"].join(", ");
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, "retry-after"].join(", ");
/** Browsers may keep a preflight's answer this long (seconds). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

function refuse(response: http.ServerResponse): true {
  response.writeHead(403, { "content-type": "application/json; charset=utf-8", vary: "Origin" });
  response.end(JSON.stringify({ errors: [{ message: "Origin not allowed" }] }));
  return true;
}

/**
 * A page the gateway served itself (the reporting dashboard at /dashboard):
 * its Origin names the host it asked. Browsers send Origin on same-origin
 * POSTs too, and cannot forge Host; a page needs no CORS to call its own
 * origin, and gets none. The host alone is compared, so a TLS-terminating
 * proxy in front (https outside, http here) is no different origin.
 */
export function isSameOrigin(origin: string, request: http.IncomingMessage): boolean {
  try {
    return request.headers.host !== undefined && new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * CORS and the browser-facing page as a gateway concern.
 * - A request carrying an Origin (only browsers send one) is served only for
 *   an origin of `origins` (CORS_ORIGINS), with the headers that let the page
 *   read the answer; from any other origin it is refused with 403 before
 *   anything runs, preflight or not. Tools that send no Origin (curl, servers)
 *   are unaffected, and so is a page of the gateway's own origin (isSameOrigin).
 * - No landing page: Apollo Server's (Sandbox, Explorer) is loaded from a CDN,
 *   which neither an air-gapped police network nor a content security policy
 *   should allow, and it announces what serves the API. `GET /graphql` without
 *   a query answers JSON (400), in production and development alike; any
 *   GraphQL client is the IDE (the README's requests use curl).
 */
export function createCors(origins: readonly string[]): GatewayConcern {
  const allowed = new Set(origins);
  return {
    name: "cors",
    beforeGraphQL(request, response) {
      const origin = request.headers.origin;
      if (origin === undefined || isSameOrigin(origin, request)) return false;
      if (!allowed.has(origin)) return refuse(response);
      response.setHeader("access-control-allow-origin", origin);
      response.setHeader("vary", "Origin");
      response.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
      if (request.method === "OPTIONS") {
        response.writeHead(204, {
          "access-control-allow-methods": ALLOWED_METHODS,
          "access-control-allow-headers": ALLOWED_HEADERS,
          "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
        });
        response.end();
        return true;
      }
      return false;
    },
    plugins: [ApolloServerPluginLandingPageDisabled()],
  };
}
