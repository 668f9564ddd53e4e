import http from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { inRequestScope } from "./request-scope";

/**
 * The HTTP front of every service (gateway and subgraphs): GraphQL on
 * /graphql, liveness and readiness probes on /health/*. A few lines of our own
 * instead of a web framework, because these three routes are all we serve.
 */
export interface HttpServiceOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context; a thrown error with `httpStatus` answers with that status. */
  context: (request: http.IncomingMessage) => Promise<TContext>;
  /** Resolves true when the service can serve traffic (its dependencies answer). */
  ready: () => Promise<boolean>;
  maxBodyBytes?: number;
}

export interface RunningHttpService {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, "Request body too large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === "") return undefined;
  if (!contentType?.includes("application/json")) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON");
  }
}

async function handleGraphQL<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const raw = await readBody(request, options.maxBodyBytes ?? 1_000_000);
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method ?? "GET",
      headers,
      search: url.search,
      body: parseBody(raw, request.headers["content-type"]),
    },
    context: () => options.context(request),
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

export function createHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): http.Server {
  return http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = async () => {
      if (url.pathname === "/health/live") return sendJson(response, 200, { status: "live" });
      if (url.pathname === "/health/ready") {
        const ready = await options.ready().catch(() => false);
        return sendJson(response, ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
      }
      // Its own scope, so what the request causes can be told from background work (see request-scope.ts).
      if (url.pathname === "/graphql") return inRequestScope(() => handleGraphQL(options, request, response, url));
      sendJson(response, 404, { error: "Not found" });
    };
    route().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : httpStatusOf(error);
      if (response.headersSent) return response.end();
      sendJson(response, status, {
        errors: [{ message: status >= 500 ? "Internal server error" : (error as Error).message }],
      });
    });
  });
}

/** Context builders signal "refuse this request" with an error carrying extensions.http.status. */
function httpStatusOf(error: unknown): number {
  const status = (error as { extensions?: { http?: { status?: number } } })?.extensions?.http?.status;
  return typeof status === "number" ? status : 500;
}

export async function listen(server: http.Server, port: number, host = "127.0.0.1"): Promise<RunningHttpService> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
