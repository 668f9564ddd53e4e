import { context, INVALID_SPAN_CONTEXT, trace, type Context, type Span, type SpanOptions, type Tracer } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * The spans of libraries' own instrumentation that are never made, by the library's tracer name. @apollo/gateway's
 * phases of a request (request, validation, execution, post-processing) and its fetches say again what the gateway's
 * server span and its per-attempt subgraph client spans already say, and making and exporting them cost the gateway
 * more than every other span, log line and metric together (bench:observability). Its query planning (gateway.plan,
 * made only when a plan is not cached) says what nothing else does, and is kept.
 */
export const UNRECORDED_LIBRARY_SPANS: Readonly<Record<string, ReadonlySet<string>>> = {
  "apollo/gateway-js": new Set(["gateway.request", "gateway.validate", "gateway.execute", "gateway.postprocessing", "gateway.fetch"]),
};

/**
 * A tracer whose unrecorded spans are no spans: the work runs with the caller's span still the parent of whatever
 * it starts (a non-recording stand-in carrying the parent's context, so the trace's tree has no hole where the
 * span would have been), and ending, annotating or failing the stand-in does nothing.
 */
class TracerWithoutSpans implements Tracer {
  constructor(
    private readonly tracer: Tracer,
    private readonly unrecorded: ReadonlySet<string>,
  ) {}

  startSpan(name: string, options?: SpanOptions, parent: Context = context.active()): Span {
    if (!this.unrecorded.has(name)) return this.tracer.startSpan(name, options, parent);
    return trace.wrapSpanContext(trace.getSpanContext(parent) ?? INVALID_SPAN_CONTEXT);
  }

  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    if (!this.unrecorded.has(name))
      return (this.tracer.startActiveSpan as (name: string, ...args: unknown[]) => ReturnType<F>)(name, ...rest);
    const work = rest[rest.length - 1] as F;
    const parent = rest.length === 3 ? rest[1] : context.active();
    const standIn = this.startSpan(name, undefined, parent);
    return context.with(trace.setSpan(parent, standIn), work as (span: Span) => ReturnType<F>, undefined, standIn);
  }
}

/** The process's provider: the SDK's, its libraries' tracers without their unrecorded spans. */
export class ProviderWithoutLibrarySpans extends NodeTracerProvider {
  override getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const tracer = super.getTracer(name, version, options);
    const unrecorded = UNRECORDED_LIBRARY_SPANS[name];
    return unrecorded ? new TracerWithoutSpans(tracer, unrecorded) : tracer;
  }
}
