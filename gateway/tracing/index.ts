import type { ApolloServerPlugin } from "@apollo/server";
import { serverSpan } from "../../platform/tracing/http-span";
import { operationNameOf } from "../../platform/operation-name";
import { activeSpan, startTracing, tracingOn, type TracingSettings } from "../../platform/tracing/tracing";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";

/**
 * OpenTelemetry tracing as a gateway concern: each /graphql request one
 * server span (a trace of its own: a public client's traceparent is not
 * followed), named by its request id, operation name (bounded as the access
 * log's) and type; @apollo/gateway's own spans (validation, planning,
 * execution, each fetch) and the subgraph calls' client spans
 * (subgraph-fetch, which send the traceparent) inside it. With `settings`
 * the process's provider is started here and stopped with the gateway;
 * without, tracing is on only if the process started it (a test's exporter),
 * and otherwise this concern adds nothing at all.
 */
export function createTracing(settings: TracingSettings | undefined): GatewayConcern {
  const stop = settings ? startTracing({ service: "gateway", settings }) : undefined;
  if (!tracingOn()) return { name: "tracing (off)" };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      activeSpan()?.setAttribute("request.id", contextValue.requestId);
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          const name = operationNameOf(operation.name?.value);
          activeSpan()?.setAttributes({
            "graphql.operation.type": operation.operation,
            ...(name ? { "graphql.operation.name": name } : {}),
          });
        },
      };
    },
  };
  return {
    name: "tracing",
    aroundGraphQL: serverSpan("POST /graphql", { continueCallersTrace: false }),
    plugins: [plugin],
    close: stop,
  };
}
