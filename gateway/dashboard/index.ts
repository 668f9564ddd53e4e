import type http from "node:http";
import type { GatewayConcern } from "../concern";
import { readStaticFiles, sendStaticFile } from "../../platform/static-files";
import { devSignInRoute, type DevSignIn } from "./dev-sign-in";

export type { DevSignIn } from "./dev-sign-in";

/** Where the reporting dashboard is served (same origin as /graphql: no CORS, the same security headers). */
export const DASHBOARD_PATH = "/dashboard";

/**
 * The page's policy: its own scripts, styles and API only (and the identity
 * provider's endpoints when sign-in goes through one: `connectTo`). No inline
 * script or style, nothing from another origin (the bundle carries its chart
 * library), no framing, no form posting elsewhere. The same in production
 * and development.
 */
export function dashboardCsp(connectTo: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connectTo].join(" "),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
export const DASHBOARD_CSP = dashboardCsp();

/** Sign-in through the organisation's OpenID provider (authorization code with PKCE, a public client). */
export interface DashboardOidc {
  issuer: string;
  clientId: string;
  /** Space-separated scopes asked for. */
  scope: string;
}

export interface DashboardOptions {
  /** The built page (npm run build: dist/dashboard/); not built: /dashboard says so. */
  dir: string;
  /** Development only (buildGateway refuses it in production): the "sign in as…" endpoint. */
  devSignIn?: DevSignIn;
  /** The OpenID provider the page signs in with, told to it at /dashboard/sign-in.json; none: no such sign-in. */
  oidc?: DashboardOidc;
}

/**
 * The national reporting dashboard as a gateway concern: its built static
 * files at /dashboard (the page at /dashboard and /dashboard/), each with the
 * strict content security policy above, and outside production the
 * development sign-in (dev-sign-in.ts). The page asks the API at /graphql
 * like any client, by trusted document id (docs/dashboard.md).
 */
export function createDashboard(options: DashboardOptions): GatewayConcern {
  const files = readStaticFiles(options.dir, DASHBOARD_PATH);
  const csp = dashboardCsp(options.oidc ? [new URL(options.oidc.issuer).origin] : []);
  const routes: Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void> = {};
  if (files) {
    const page = files.get(`${DASHBOARD_PATH}/index.html`)!;
    routes[DASHBOARD_PATH] = (request, response) => sendStaticFile(request, response, page, csp);
    routes[`${DASHBOARD_PATH}/`] = (request, response) => sendStaticFile(request, response, page, csp);
    for (const [at, file] of files) routes[at] = (request, response) => sendStaticFile(request, response, file, csp);
    if (options.oidc) {
      const { issuer, clientId, scope } = options.oidc;
      const signIn = { contentType: "application/json; charset=utf-8", body: Buffer.from(JSON.stringify({ issuer, clientId, scope })) };
      routes[`${DASHBOARD_PATH}/sign-in.json`] = (request, response) => sendStaticFile(request, response, signIn, csp);
    }
  } else {
    const notBuilt = (_request: http.IncomingMessage, response: http.ServerResponse) => {
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      response.end("The dashboard is not built: run npm run build (docs/dashboard.md)");
    };
    routes[DASHBOARD_PATH] = notBuilt;
    routes[`${DASHBOARD_PATH}/`] = notBuilt;
  }
  if (options.devSignIn) routes[`${DASHBOARD_PATH}/dev-sign-in`] = devSignInRoute(options.devSignIn);
  return { name: "dashboard", routes };
}
