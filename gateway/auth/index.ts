import type http from "node:http";
import type { Principal } from "../../platform/identity/principal";
import type { Check, GatewayConcern } from "../concern";

/**
 * Authentication as a gateway concern: the caller's token verified before
 * anything else (no token, no request: UnauthenticatedError is HTTP 401), the
 * verified principal put on the request's context, and the key set the
 * tokens are verified with required for readiness when it is fetched.
 */
export function createAuthentication(options: {
  /** Verifies the caller's token (createAuthenticator, authenticate.ts); throws UnauthenticatedError when there is no valid one. */
  authenticate: (request: http.IncomingMessage) => Promise<Principal>;
  /** Readiness of a key set fetched from a URL (keySetHealth); none for keys read from a file. */
  keySet?: Check;
}): GatewayConcern {
  return {
    name: "authentication",
    context: async (request) => ({ principal: await options.authenticate(request) }),
    health: options.keySet ? { required: { "key set": options.keySet } } : undefined,
  };
}
