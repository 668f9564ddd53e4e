import { findPrincipal, type Principal } from "../platform/identity/principal";

/** Per-request state of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** The verified caller; every GraphQL request has one (no token, no request). */
  principal: Principal;
}

function isGatewayContext(context: unknown): context is GatewayContext {
  return (
    findPrincipal(context) !== undefined &&
    typeof context === "object" &&
    context !== null &&
    "requestId" in context &&
    typeof context.requestId === "string"
  );
}

/**
 * The gateway's context where Apollo's gateway interface hands it over as a
 * BaseContext (the executors the gateway's concerns wrap). Anything else is a
 * fault of ours, an internal error: every request's context is made by
 * server.ts after authentication.
 */
export function gatewayContextOf(context: unknown): GatewayContext {
  if (!isGatewayContext(context)) throw new Error("The request context is not the gateway's");
  return context;
}
