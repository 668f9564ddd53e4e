import { SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { currentTraceCarrier, inSpan, inSpanFrom, readTracingSettings, startTracing, tracingOn } from "../tracing";
import { describeStatement } from "../traced-db";

/** The process's tracing: off unless started, and what one span looks like once exported. */
describe("tracing", () => {
  it("is off until started: no provider registered, no span made, no trace context to carry", async () => {
    expect(tracingOn()).toBe(false);
    const span = trace.getTracer("probe").startSpan("probe");
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe("00000000000000000000000000000000");
    expect(await inSpan("work", {}, async (given) => given)).toBeUndefined();
    expect(currentTraceCarrier()).toBeUndefined();
  });

  it("is started once per process and stopped by its last user, unregistered then", async () => {
    const exporter = new InMemorySpanExporter();
    const stopFirst = startTracing({ service: "one", exporter });
    const stopSecond = startTracing({ service: "two", exporter });
    await stopFirst();
    expect(tracingOn()).toBe(true);
    await inSpan("still on", {}, async () => undefined);
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["still on"]);
    await stopSecond();
    expect(tracingOn()).toBe(false);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
  });

  describe("while on", () => {
    const exporter = new InMemorySpanExporter();
    let stop: () => Promise<void>;
    beforeAll(() => {
      stop = startTracing({ service: "test", exporter });
    });
    afterAll(() => stop());
    beforeEach(() => exporter.reset());

    it("continues the trace a carrier brings, in a child span", async () => {
      const carried = await inSpan("producer", {}, async () => currentTraceCarrier());
      expect(carried?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      await inSpanFrom(carried, "consumer", {}, async () => undefined);
      const [producer, consumer] = exporter.getFinishedSpans();
      expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
      expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    });

    it("makes none of a library's spans that repeat ours: their work's spans are children of the caller's span", async () => {
      const apollo = trace.getTracer("apollo/gateway-js");
      await inSpan("POST /graphql", {}, async () => {
        await apollo.startActiveSpan("gateway.request", async (request) => {
          request.setAttribute("graphql.operation.name", "Find");
          await apollo.startActiveSpan("gateway.plan", async (plan) => plan.end());
          await apollo.startActiveSpan("gateway.fetch", { attributes: { service: "people" } }, async (fetch) => {
            await inSpan("POST people", {}, async () => undefined);
            fetch.end();
          });
          request.end();
        });
      });
      const spans = exporter.getFinishedSpans();
      expect(spans.map((span) => span.name).sort()).toEqual(["POST /graphql", "POST people", "gateway.plan"]);
      const server = spans.find((span) => span.name === "POST /graphql")!;
      for (const child of spans.filter((span) => span !== server)) {
        expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
        expect(child.spanContext().traceId).toBe(server.spanContext().traceId);
      }
      // Another library's span of the same name is its own, and made.
      await inSpan("outer", {}, async () => trace.getTracer("other-library").startActiveSpan("gateway.fetch", async (span) => span.end()));
      expect(exporter.getFinishedSpans().map((span) => span.name)).toContain("gateway.fetch");
    });

    it("makes no span where only a trace already running may have one", async () => {
      await inSpan("background", { onlyInTrace: true }, async () => undefined);
      expect(exporter.getFinishedSpans()).toEqual([]);
    });

    it("exports only allowed attributes, bounded, and no error's message anywhere", async () => {
      const secret = "MARKER-victim-12-Acacia-Avenue";
      await inSpan("work", { attributes: { "db.system.name": "postgresql", "db.statement": `SELECT '${secret}'` } }, async (span) => {
        span!.setAttribute("graphql.operation.name", `Find${secret.replace(/-/g, "")}${"N".repeat(60)}`);
        span!.setAttribute("graphql.root_fields", `searchPeople(name: "${secret}")`);
        span!.setAttribute("messaging.destination.name", secret.repeat(4));
        span!.recordException(new Error(secret));
        span!.setStatus({ code: SpanStatusCode.ERROR, message: secret });
      });
      await inSpan(`resolve ${secret} "quoted"`, {}, async () => undefined).catch(() => undefined);
      const [work, renamed] = exporter.getFinishedSpans();
      expect(work.attributes).toEqual({ "db.system.name": "postgresql", "graphql.operation.name": "(other)" });
      expect(work.status).toEqual({ code: SpanStatusCode.ERROR });
      expect(work.events.map((event) => [event.name, event.attributes])).toEqual([["exception", undefined]]);
      expect(renamed.name).toBe("(other)");
      expect(
        JSON.stringify(exporter.getFinishedSpans().map(({ name, attributes, events, status }) => ({ name, attributes, events, status }))),
      ).not.toContain("Acacia");
    });

    it("marks a failed span by the error's type, never its message", async () => {
      const failing = Object.assign(new Error("duplicate key for MARKER-person"), { code: "23505" });
      await expect(inSpan("failing", {}, async () => Promise.reject(failing))).rejects.toBe(failing);
      const [span] = exporter.getFinishedSpans();
      expect(span.attributes).toEqual({ "error.type": "23505" });
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    });
  });
});

describe("OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  afterEach(() => {
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
  });

  it("unset leaves tracing off; set, names the collector's base URL", () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    expect(readTracingSettings()).toBeUndefined();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = "http://collector:4318/";
    expect(readTracingSettings()).toEqual({ endpoint: "http://collector:4318" });
  });

  it.each(["collector:4318", "ftp://collector"])("refuses %s, naming the variable", (value) => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = value;
    expect(() => readTracingSettings()).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

describe("a statement as a span names it", () => {
  it.each([
    ["SELECT id FROM event_outbox WHERE published_at IS NULL", "SELECT", "event_outbox"],
    ["  insert into processed_event (consumer_group) values ($1)", "INSERT", "processed_event"],
    ["UPDATE event_outbox AS o SET confirmed_at = now()", "UPDATE", "event_outbox"],
    ["WITH matched AS (SELECT p.id FROM person p) SELECT p.name FROM matched r JOIN person p ON p.id = r.id", "SELECT", "matched"],
    ["BEGIN", "BEGIN", undefined],
  ])("%s: its verb and first table, nothing else of its text", (text, operation, table) => {
    expect(describeStatement(text)).toEqual({ operation, table });
  });
});
