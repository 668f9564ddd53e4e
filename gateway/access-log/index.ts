import type http from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../../platform/log";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";
import { requestIdOf } from "../request-id";
import { operationNameOf } from "../../platform/operation-name";
import { currentTraceId } from "../../platform/tracing/trace-id";
import type { SubgraphCallObservation } from "../subgraph-fetch";

export type { SubgraphCallObservation } from "../subgraph-fetch";

/**
 * What one request was, as the access log writes it and the metrics count it:
 * never its variables, its document, its token or anything about whom it
 * concerned. The operation name is the resolved operation's (a GraphQL name,
 * chosen by the client's developer, as the audit trail also records it),
 * "(other)" past the bound of operationNameOf.
 */
export interface RequestSummary {
  requestId: string;
  method: string;
  status: number;
  /** The resolved operation's name (operationNameOf); null when anonymous or never resolved (a refused request). */
  operationName: string | null;
  operationType: string | null;
  /** The caller's persona once authenticated; null for a request refused before (401). */
  persona: string | null;
  /** Each error code the answer carries, once; an HTTP refusal without a GraphQL body is named by its status. */
  errorCodes: string[];
  /** Calls made to each subgraph, with their outcomes. */
  subgraphCalls: Record<string, { calls: number; failed: number }>;
  durationMs: number;
  /** The client went away (or was cut off) before the whole answer was sent. */
  aborted: boolean;
}

export interface AccessLog extends GatewayConcern {
  /** Where the subgraph-fetch layer reports each call (gateway/build.ts wires it). */
  subgraphCall(call: SubgraphCallObservation): void;
}

interface OpenRequest {
  startedAt: bigint;
  /** Its trace's id when traced, taken as it begins: its line is written after, outside the trace. */
  traceId?: string;
  summary: Omit<RequestSummary, "status" | "durationMs" | "aborted">;
}

export { operationNameOf } from "../../platform/operation-name";

/** The error code of an HTTP refusal made before Apollo Server's request pipeline (no plugin sees it). */
const STATUS_CODES: Readonly<Record<number, string>> = {
  401: "UNAUTHENTICATED",
};

/**
 * The access log as a gateway concern: exactly one line per /graphql request,
 * written when its exchange ends (answered, refused or cut off), at info
 * level (warn for 5xx), with its request id, method, status, operation name,
 * persona, error codes, subgraph calls and duration. `onRequestEnd` gets the
 * same summary (the metrics count it), so the log and the counts never tell
 * two stories.
 */
export function createAccessLog(options: { log: Logger; onRequestEnd?: (summary: RequestSummary) => void }): AccessLog {
  const open = new Map<string, OpenRequest>();
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      const entry = open.get(contextValue.requestId);
      if (entry) entry.summary.persona = contextValue.principal.persona;
      return {
        async willSendResponse({ operation, response }) {
          if (!entry) return;
          entry.summary.operationName = operationNameOf(operation?.name?.value);
          entry.summary.operationType = operation?.operation ?? null;
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === "string" && !entry.summary.errorCodes.includes(code)) entry.summary.errorCodes.push(code);
          }
        },
      };
    },
  };
  return {
    name: "access log",
    beforeGraphQL(request: http.IncomingMessage, response: http.ServerResponse) {
      const requestId = requestIdOf(request);
      if (requestId === undefined) throw new Error("The access log needs the request id: the request id concern must come first");
      const entry: OpenRequest = {
        startedAt: process.hrtime.bigint(),
        traceId: currentTraceId(),
        summary: {
          requestId,
          method: request.method ?? "GET",
          operationName: null,
          operationType: null,
          persona: null,
          errorCodes: [],
          subgraphCalls: {},
        },
      };
      open.set(requestId, entry);
      response.once("close", () => {
        open.delete(requestId);
        const status = response.statusCode;
        const errorCodes =
          entry.summary.errorCodes.length === 0 && STATUS_CODES[status] ? [STATUS_CODES[status]] : entry.summary.errorCodes;
        const summary: RequestSummary = {
          ...entry.summary,
          errorCodes,
          status,
          durationMs: Number(process.hrtime.bigint() - entry.startedAt) / 1e6,
          aborted: !response.writableFinished,
        };
        // The request and trace ids are given explicitly: the close event fires outside the request's scope.
        const line = entry.traceId === undefined ? summary : { ...summary, traceId: entry.traceId };
        options.log[status >= 500 ? "warn" : "info"](line, "request");
        options.onRequestEnd?.(summary);
      });
    },
    plugins: [plugin],
    subgraphCall(call) {
      if (call.requestId === undefined) return;
      const calls = open.get(call.requestId)?.summary.subgraphCalls;
      if (!calls) return;
      const counts = (calls[call.subgraph] ??= { calls: 0, failed: 0 });
      counts.calls += 1;
      if (call.outcome !== "ok") counts.failed += 1;
    },
  };
}
