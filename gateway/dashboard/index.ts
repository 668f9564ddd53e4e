import type http from "node:http";
import type { GatewayConcern } from "../concern";
import { readStaticFiles, type StaticFile } from "./static-files";
import { devSignInRoute, type DevSignIn } from "./dev-sign-in";

export type { DevSignIn } from "./dev-sign-in";

/** Where the reporting dashboard is served (same origin as /graphql: no CORS, the same security headers). */
export const DASHBOARD_PATH = "/dashboard";

/**
 * The page's policy: its own scripts, styles and API only. No inline script
 * or style, nothing from another origin (the bundle carries its chart
 * library), no framing, no form posting elsewhere. The same in production
 * and development.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface DashboardOptions {
  /** The built page (npm run build: dist/dashboard/); not built: /dashboard says so. */
  dir: string;
  /** Development only (buildGateway refuses it in production): the "sign in as…" endpoint. */
  devSignIn?: DevSignIn;
}

function sendFile(request: http.IncomingMessage, response: http.ServerResponse, file: StaticFile): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    response.end("Method not allowed");
    return;
  }
  response.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.body.length,
    "content-security-policy": DASHBOARD_CSP,
  });
  response.end(request.method === "HEAD" ? undefined : file.body);
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
  const routes: Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void> = {};
  if (files) {
    const page = files.get(`${DASHBOARD_PATH}/index.html`)!;
    routes[DASHBOARD_PATH] = (request, response) => sendFile(request, response, page);
    routes[`${DASHBOARD_PATH}/`] = (request, response) => sendFile(request, response, page);
    for (const [at, file] of files) routes[at] = (request, response) => sendFile(request, response, file);
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
