import { trace } from "@opentelemetry/api";
import { tracingOn } from "../../../platform/tracing/tracing";
import { createTracing } from "..";

describe("the tracing concern", () => {
  it("without OTEL_EXPORTER_OTLP_ENDPOINT registers no provider and adds nothing to the gateway", async () => {
    const concern = createTracing(undefined);
    expect(concern).toEqual({ name: "tracing (off)" });
    expect(tracingOn()).toBe(false);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
  });

  it("with an endpoint starts the process's provider, and its close stops it", async () => {
    // Nothing is exported here: no span is made, and the provider's shutdown has nothing to send.
    const concern = createTracing({ endpoint: "http://127.0.0.1:7199" });
    expect(concern.name).toBe("tracing");
    expect(tracingOn()).toBe(true);
    expect(concern.aroundGraphQL).toBeDefined();
    await concern.close!();
    expect(tracingOn()).toBe(false);
  });
});
