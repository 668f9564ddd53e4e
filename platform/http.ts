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
  /**
   * Builds the per-request context from the request and its body exactly as
   * received (a subgraph checks its assertion was signed for that body); a
   * thrown error with `httpStatus` answers with that status.
   */
  context: (request: http.IncomingMessage, rawBody: string) => Promise<TContext>;
  /**
   * Whether the service can serve traffic: true or false, or each thing it
   * needs by name with "ready" or what is wrong with it; optionally with the
   * state of dependencies it can serve without (reported, never making it unready).
   */
  ready: () => Promise<boolean | ReadinessChecks | Readiness>;
  maxBodyBytes?: number;
  /**
   * Runs first for every request to /graphql, inside its request scope, before
   * its body is read: may answer the request itself (returns true: a CORS
   * preflight, a refusal) or watch it (the access log listens for its end).
   * Synchronous, so the body's reader is attached in the same tick: a stream
   * another listener set flowing meanwhile would lose chunks to it.
   */
  beforeGraphQL?: (request: http.IncomingMessage, response: http.ServerResponse) => boolean;
  /**
   * Around the whole handling of each /graphql request, inside its request
   * scope (tracing runs it inside the request's span); `handle` is the rest.
   */
  aroundGraphQL?: (request: http.IncomingMessage, response: http.ServerResponse, handle: () => Promise<void>) => Promise<void>;
  /** Paths served beside /graphql and /health/* (/metrics), each by its own handler. */
  routes?: Readonly<Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void>>;
}

/** Each dependency of a service by name: "ready", or what is wrong with it. */
export type ReadinessChecks = Record<string, string>;

/** What a service needs to serve (`checks`: all "ready" or it is not ready) and what it reports besides (`dependencies`). */
export interface Readiness {
  checks: ReadinessChecks;
  dependencies: ReadinessChecks;
}

/** Headers on every response: nothing may be cached, sniffed, framed or leak a referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
};

const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/** Past this much of an oversized body, the connection is cut instead of drained to answer 413. */
const DRAIN_LIMIT_FACTOR = 8;

/**
 * How long every service keeps an idle keep-alive connection open. Stated,
 * not left to Node's default, because callers pool connections against it:
 * the gateway's subgraph agent drops idle sockets well before this.
 */
export const SERVER_KEEP_ALIVE_TIMEOUT_MS = 5_000;

export interface RunningHttpService {
  server: http.Server;
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to
   * `graceMs` (0: cut every connection now), then resolves once all are closed.
   */
  close(graceMs?: number): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body, refused with 413 past maxBytes. An oversized body is
 * drained (not kept) so the client, still sending, can read the 413 instead of
 * meeting a reset connection; one far too large is cut off.
 */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, `Request body too large: at most ${maxBytes} bytes`);
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes * DRAIN_LIMIT_FACTOR) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes * DRAIN_LIMIT_FACTOR) request.destroy();
      else if (size <= maxBytes) chunks.push(chunk);
    });
    request.on("end", () => (size > maxBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    request.on("error", reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

async function readiness(
  check: () => Promise<boolean | ReadinessChecks | Readiness>,
): Promise<{ ready: boolean; checks?: ReadinessChecks; dependencies?: ReadinessChecks }> {
  const result = await check().catch(() => false);
  if (typeof result === "boolean") return { ready: result };
  const { checks, dependencies } = isReadiness(result) ? result : { checks: result, dependencies: undefined };
  return { ready: Object.values(checks).every((state) => state === "ready"), checks, ...(dependencies ? { dependencies } : {}) };
}

/** A health check's answer within `ms`, or "not answering" (a client reconnecting would queue it for ever). */
export async function checkWithin(check: () => Promise<string>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check().catch((error: unknown) => `failing (${(error as Error)?.name ?? "error"})`),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve("not answering"), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function isReadiness(result: ReadinessChecks | Readiness): result is Readiness {
  return typeof (result as Readiness).checks === "object" && typeof (result as Readiness).dependencies === "object";
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
  const raw = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method ?? "GET",
      headers,
      search: url.search,
      body: parseBody(raw, request.headers["content-type"]),
    },
    context: () => options.context(request, raw),
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
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // Once closing, each answer also closes its connection, so keep-alive clients move elsewhere.
    if (closing.has(server)) response.setHeader("connection", "close");
    // A request in flight when closing began ends with its connection idle: close it then, not at the deadline.
    response.once("finish", () => {
      if (closing.has(server)) setImmediate(() => server.closeIdleConnections());
    });
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = async () => {
      if (url.pathname === "/health/live") return sendJson(response, 200, { status: "live" });
      if (url.pathname === "/health/ready") {
        if (closing.has(server)) return sendJson(response, 503, { status: "not ready", checks: { service: "shutting down" } });
        const { ready, checks, dependencies } = await readiness(options.ready);
        return sendJson(response, ready ? 200 : 503, {
          status: ready ? "ready" : "not ready",
          ...(checks ? { checks } : {}),
          ...(dependencies ? { dependencies } : {}),
        });
      }
      // Its own scope, so what the request causes can be told from background work (see request-scope.ts).
      if (url.pathname === "/graphql") {
        const handle = async () => {
          if (options.beforeGraphQL?.(request, response)) return;
          await handleGraphQL(options, request, response, url);
        };
        const around = options.aroundGraphQL;
        return inRequestScope(around ? () => around(request, response, handle) : handle);
      }
      const served = options.routes?.[url.pathname];
      if (served) return served(request, response);
      sendJson(response, 404, { error: "Not found" });
    };
    route().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : httpStatusOf(error);
      if (response.headersSent) return response.end();
      if (status === 413) response.setHeader("connection", "close");
      sendJson(response, status, {
        errors: [{ message: status >= 500 ? "Internal server error" : (error as Error).message }],
      });
    });
  });
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_TIMEOUT_MS;
  return server;
}

/** Servers whose close() has begun. */
const closing = new WeakSet<http.Server>();

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
    close: (graceMs = 0) =>
      new Promise<void>((resolve, reject) => {
        closing.add(server);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve();
        });
        if (graceMs === 0) server.closeAllConnections();
        else server.closeIdleConnections();
      }),
  };
}
