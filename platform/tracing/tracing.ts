import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { envPiece, readPiece, type EnvPiece } from "../env-schema";
import { urlVar } from "../env-values";
import { ProviderWithoutLibrarySpans } from "./library-spans";
import { PrivateSpanExporter } from "./private-exporter";

export { SpanKind } from "@opentelemetry/api";

/** Where spans go: an OTLP/HTTP collector. */
export interface TracingSettings {
  /** The collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans are sent to <endpoint>/v1/traces. */
  endpoint: string;
}

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on (the OpenTelemetry variable,
 * so a collector's usual setup works); unset, tracing is off and costs
 * nothing: no provider is registered and no span is made.
 */
export const tracingPiece: EnvPiece<TracingSettings | undefined> = envPiece({
  variables: {
    OTEL_EXPORTER_OTLP_ENDPOINT: urlVar(["http", "https"], {
      default: "unset → tracing off",
      meaning: "OTLP/HTTP collector the spans are exported to (`/v1/traces` is added) ([Tracing](../operations.md#tracing))",
    }),
  },
  read: (values) =>
    values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : { endpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "") },
});

export function readTracingSettings(): TracingSettings | undefined {
  return readPiece(tracingPiece);
}

/** The process's provider while tracing is on, and how many services started it (the embedded stack runs several). */
let running: { provider: ProviderWithoutLibrarySpans; users: number } | undefined;

/** True once a provider is registered in this process: every helper below is a plain call without one. */
export function tracingOn(): boolean {
  return running !== undefined;
}

export interface StartTracingOptions {
  /** The resource's service.name (the process's service: "gateway", a subgraph's name). */
  service: string;
  /** An OTLP/HTTP collector (batched export) … */
  settings?: TracingSettings;
  /** … or an exporter of the caller's (a test's in-memory one, exported span by span). */
  exporter?: SpanExporter;
}

/**
 * Registers the process's tracer provider (AsyncLocalStorage context, W3C
 * trace context propagation), once per process: a second service of the same
 * process (the embedded stack) shares it. Every exporter is wrapped in
 * PrivateSpanExporter, so what leaves is only allow-listed, bounded
 * attributes; libraries' spans that repeat ours are not made at all
 * (library-spans.ts). Returns the stop of this start: the last one shuts the provider
 * down (flushing what is batched) and unregisters it.
 */
export function startTracing(options: StartTracingOptions): () => Promise<void> {
  if (running) {
    running.users += 1;
  } else {
    if (!options.exporter && !options.settings) throw new Error("startTracing needs a collector's settings or an exporter");
    const exporter = options.exporter ?? new OTLPTraceExporter({ url: `${options.settings!.endpoint}/v1/traces` });
    const privateExporter = new PrivateSpanExporter(exporter);
    const provider = new ProviderWithoutLibrarySpans({
      resource: resourceFromAttributes({ "service.name": options.service }),
      spanProcessors: [options.exporter ? new SimpleSpanProcessor(privateExporter) : new BatchSpanProcessor(privateExporter)],
    });
    provider.register({ propagator: new W3CTraceContextPropagator() });
    running = { provider, users: 1 };
  }
  let stopped = false;
  return async () => {
    if (stopped || !running) return;
    stopped = true;
    running.users -= 1;
    if (running.users > 0) return;
    const { provider } = running;
    running = undefined;
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

/** Flushes spans batched for export (tests, and a service stopping). */
export async function flushSpans(): Promise<void> {
  await running?.provider.forceFlush();
}

const TRACER = "spo";

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Only inside a trace already begun (a request's, an event's): background polling makes no traces of its own. */
  onlyInTrace?: boolean;
}

/**
 * Runs `work` inside a span named `name` (its error marks the span failed,
 * by type only: a message can quote personal data); without tracing, just
 * runs it.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!running) return work(undefined);
  return inSpanOf(context.active(), name, options, work);
}

function inSpanOf<T>(parent: Context, name: string, options: SpanOptions, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (options.onlyInTrace && trace.getSpan(parent) === undefined) return work(undefined);
  return trace
    .getTracer(TRACER)
    .startActiveSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links }, parent, async (span) => {
      try {
        return await work(span);
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
}

/** Marks a span failed by the error's type (its name or code), never its message. */
export function failed(span: Span | undefined, error: unknown): void {
  if (!span) return;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  span.setAttribute("error.type", typeof code === "string" ? code : typeof name === "string" ? name : "error");
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** W3C trace context as carried across a process boundary: in HTTP headers, in an event's envelope. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The running code's trace context to carry on, or undefined (tracing off, or no trace running). */
export function currentTraceCarrier(): TraceCarrier | undefined {
  if (!running || trace.getSpan(context.active()) === undefined) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent === undefined ? undefined : carrier;
}

/** Runs `work` in a span whose parent is the trace context `carrier` carried in (a root span if it carries none). */
export function inSpanFrom<T>(
  carrier: TraceCarrier | undefined,
  name: string,
  options: SpanOptions,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!running) return work(undefined);
  const parent = carrier?.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  return inSpanOf(parent, name, options, work);
}

/** The trace context of `carrier` as a link (a batch of events from several traces links to each). */
export function linkTo(carrier: TraceCarrier | undefined): Link | undefined {
  if (!running || !carrier?.traceparent) return undefined;
  const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
  return spanContext ? { context: spanContext } : undefined;
}

/**
 * A span begun now as a child of the running trace, for work whose end is
 * told by a callback rather than a promise the caller awaits (a Redis
 * command); undefined without tracing or outside a trace. The caller ends it.
 */
export function startChildSpan(name: string, options: Omit<SpanOptions, "onlyInTrace">): Span | undefined {
  if (!running || trace.getSpan(context.active()) === undefined) return undefined;
  return trace.getTracer(TRACER).startSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links });
}

/** The active span, to add attributes to (undefined without tracing or outside a trace). */
export function activeSpan(): Span | undefined {
  return running ? trace.getSpan(context.active()) : undefined;
}
