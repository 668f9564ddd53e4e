import type http from "node:http";
import { repoPath } from "../../platform/repo-root";
import { readStaticFiles, sendStaticFile } from "../../platform/static-files";
import type { GatewayConcern } from "../concern";

/** Where the development IDE is served: beside /graphql, same origin. */
export const IDE_PATH = "/graphiql";

/** Where npm run build puts it. */
export const DEFAULT_IDE_DIR = repoPath("dist", "ide");

/**
 * Its own scripts and the API only; styles inline too (the editor, CodeMirror,
 * positions its widgets with style attributes), fonts its own (inlined in its CSS), images its own.
 */
export const IDE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

type Route = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void;

/**
 * The development IDE as a gateway concern, routes only: GraphiQL built from
 * the project's own packages (dist/ide/, scripts/ide.js) at /graphiql. Given
 * only by the development entry point (dev/gateway.main.ts); buildGateway
 * refuses it in production, where there is no IDE and no landing page.
 */
export function createIde(options: { dir: string } | undefined): GatewayConcern {
  if (!options) return { name: "ide" };
  const files = readStaticFiles(options.dir, IDE_PATH);
  const routes: Record<string, Route> = {};
  if (files) {
    const page = files.get(`${IDE_PATH}/index.html`)!;
    routes[IDE_PATH] = (request, response) => sendStaticFile(request, response, page, IDE_CSP);
    routes[`${IDE_PATH}/`] = routes[IDE_PATH];
    for (const [at, file] of files) routes[at] = (request, response) => sendStaticFile(request, response, file, IDE_CSP);
  } else {
    routes[IDE_PATH] = (_request, response) => {
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      response.end("The IDE is not built: run npm run build");
    };
  }
  return { name: "ide", routes };
}
