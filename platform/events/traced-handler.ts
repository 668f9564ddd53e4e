import { inSpanFrom, SpanKind } from "../tracing/tracing";
import type { EventHandler } from "./bus";

/**
 * A consumer's handling of each event as a span in the trace the event was
 * written in (its envelope's trace context), so the change that caused it
 * and its effect here are one trace. Named by stream; its attributes are the
 * event's type and id, never its payload. Without tracing, the handler itself.
 */
export function consumeSpan(group: string, handler: EventHandler): EventHandler {
  return (event, stream) =>
    inSpanFrom(
      event.traceContext,
      `consume ${stream}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          "messaging.operation.type": "process",
          "messaging.destination.name": stream,
          "messaging.consumer.group.name": group,
          "messaging.message.id": event.id,
          "event.type": event.type,
        },
      },
      () => handler(event, stream),
    );
}
