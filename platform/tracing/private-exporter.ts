import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ExportResult } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { operationNameOf } from "../operation-name";

/**
 * The only span attributes that leave the process, each with how its value is
 * bounded. Everything else is dropped at export, whoever set it (a library's
 * instrumentation included): an allow-list, because a span is written far
 * from where its attributes are, and a new attribute carrying a variable, a
 * SQL parameter or a token must not get out because nobody listed it as bad.
 */
const ALLOWED: Readonly<Record<string, (value: AttributeValue) => AttributeValue | undefined>> = {
  "graphql.operation.name": (value) => (typeof value === "string" ? (operationNameOf(value) ?? undefined) : undefined),
  // @apollo/gateway's older name for the same.
  operationName: (value) => (typeof value === "string" ? (operationNameOf(value) ?? undefined) : undefined),
  "graphql.operation.type": word,
  "graphql.root_fields": identifiers,
  service: word,
  "subgraph.name": word,
  "request.id": word,
  "http.request.method": word,
  "http.response.status_code": number,
  "http.route": word,
  "db.system.name": word,
  "db.operation.name": word,
  "db.collection.name": word,
  "messaging.system": word,
  "messaging.operation.type": word,
  "messaging.destination.name": word,
  "messaging.consumer.group.name": word,
  "messaging.message.id": word,
  "messaging.batch.message_count": number,
  "event.type": word,
  "error.type": word,
};

/** A name-like word (a subgraph, a stream, a method, an id): letters, digits and . _ : / - only, at most 80 characters. */
function word(value: AttributeValue): AttributeValue | undefined {
  return typeof value === "string" && /^[\w.:/-]{1,80}$/.test(value) ? value : undefined;
}

/** A list of GraphQL field names, comma-separated (the root fields of an operation: the schema's names). */
function identifiers(value: AttributeValue): AttributeValue | undefined {
  return typeof value === "string" && /^[_A-Za-z][\w,]{0,199}$/.test(value) ? value : undefined;
}

function number(value: AttributeValue): AttributeValue | undefined {
  return typeof value === "number" ? value : undefined;
}

/** Span names are ours and the libraries' fixed ones; anything else (a name built from input) is not sent. */
const SPAN_NAME = /^[\w .:/-]{1,100}$/;

export function privateAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const bound = ALLOWED[key];
    if (!bound || value === undefined) continue;
    const safe = bound(value);
    if (safe !== undefined) kept[key] = safe;
  }
  return kept;
}

/** The span as it may leave: allowed attributes only, no status message (an error's message), events by name only. */
export function privateSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: SPAN_NAME.test(span.name) ? span.name : "(other)",
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: privateAttributes(span.attributes),
    links: span.links.map((link) => ({ context: link.context })),
    // An exception event's message and stack quote what failed, which can be a person's data: only that it happened.
    events: span.events.map((event) => ({ name: SPAN_NAME.test(event.name) ? event.name : "(other)", time: event.time })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** An exporter that hands `inner` only what privateSpan keeps of each span. */
export class PrivateSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.map(privateSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
