import type http from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Registry } from "prom-client";
import { envPiece, type EnvPiece } from "./env-schema";
import { optionalMinLengthVar } from "./env-values";

/**
 * Who may scrape /metrics. It is served on the service's own port (one port
 * to expose, probe and firewall), so it is protected rather than hidden: with
 * a token, only a scraper that sends `Authorization: Bearer <token>` gets it
 * (metrics name operations, personas and subgraphs: an attacker's map);
 * "open" is for development only; "off" answers 404.
 */
export type MetricsAccess = { kind: "token"; token: string } | { kind: "open" } | { kind: "off" };

/**
 * METRICS_TOKEN (at least 32 characters) protects /metrics; unset, /metrics is
 * open in development and off in production (a production scrape needs the token).
 */
export const metricsPiece: EnvPiece<MetricsAccess> = envPiece({
  variables: {
    METRICS_TOKEN: optionalMinLengthVar(32, {
      default: "unset → `/metrics` open in development, 404 in production",
      meaning: "bearer token (at least 32 characters) a scraper must send to `GET /metrics` ([Metrics](../operations.md#metrics))",
      secret: true,
    }),
  },
  read: (values, context): MetricsAccess => {
    const token = values.METRICS_TOKEN;
    if (token !== undefined) return { kind: "token", token };
    return context.production ? { kind: "off" } : { kind: "open" };
  },
});

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The /metrics handler of a service: the registry's text format, to those `access` lets in. */
export function metricsRoute(registry: Registry, access: MetricsAccess) {
  return async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const refuse = (status: number, message: string) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      response.end(`${message}\n`);
    };
    if (access.kind === "off") return refuse(404, "Not found");
    if (request.method !== "GET") return refuse(405, "Method not allowed");
    if (access.kind === "token") {
      const given = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (given === undefined || !sameToken(given, access.token)) return refuse(401, "Unauthorized");
    }
    const text = await registry.metrics();
    response.writeHead(200, { "content-type": registry.contentType });
    response.end(text);
  };
}

/**
 * A label whose values a client chooses or combines (an operation name, an
 * operation's root fields): the first `max` distinct values are kept, the
 * rest counted as "(other)", so no client can grow the series without bound.
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!seen.has(value)) {
      if (seen.size >= max) return "(other)";
      seen.add(value);
    }
    return value;
  };
}
