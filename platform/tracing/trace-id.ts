import { context, isSpanContextValid, trace } from "@opentelemetry/api";

/**
 * The id of the trace the running code is part of, for a log line to name (an operator goes from a line to its
 * trace and back); undefined when tracing is off or no trace is running. Only the OpenTelemetry API, which is a
 * no-op until a provider is registered: a CLI that logs loads no SDK for it.
 */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
