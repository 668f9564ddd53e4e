import type http from "node:http";
import { inSpanFrom, SpanKind, type TraceCarrier } from "./tracing";

/**
 * The HTTP service's aroundGraphQL (platform/http.ts) that makes each request
 * one server span, the rest of its handling inside it. `continueCallersTrace`:
 * whether the caller's traceparent header is its parent (a subgraph, called
 * only by the gateway), or every request begins a trace of its own (the
 * gateway: a public client does not choose the trace its request joins).
 */
export function serverSpan(
  name: string,
  options: { continueCallersTrace: boolean; attributes?: Record<string, string> },
): (request: http.IncomingMessage, response: http.ServerResponse, handle: () => Promise<void>) => Promise<void> {
  return (request, response, handle) => {
    const carrier: TraceCarrier | undefined = options.continueCallersTrace ? headerCarrier(request) : undefined;
    return inSpanFrom(
      carrier,
      name,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": request.method ?? "GET", "http.route": "/graphql", ...options.attributes },
      },
      async (span) => {
        try {
          await handle();
        } finally {
          span?.setAttribute("http.response.status_code", response.statusCode);
        }
      },
    );
  };
}

function headerCarrier(request: http.IncomingMessage): TraceCarrier | undefined {
  const traceparent = request.headers.traceparent;
  if (typeof traceparent !== "string") return undefined;
  const tracestate = request.headers.tracestate;
  return { traceparent, ...(typeof tracestate === "string" ? { tracestate } : {}) };
}
