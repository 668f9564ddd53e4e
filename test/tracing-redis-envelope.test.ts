import { randomBytes } from "node:crypto";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { Redis } from "ioredis";
import { STREAM_TOPOLOGY, STREAMS } from "../domain/topology";
import type { DomainEvent } from "../platform/events/event";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { consumeSpan } from "../platform/events/traced-handler";
import { currentTraceCarrier, inSpan, startTracing } from "../platform/tracing/tracing";
import { describeWithRedis } from "./support/describe-with-redis";
import { waitUntil } from "./support/events";
import { TEST_REDIS_URL } from "./support/services";

const STREAM = STREAMS.hearingOutcomes.name;

/**
 * The trace context an event carries in its envelope survives Redis Streams
 * (the in-process bus hands the object itself: test/tracing.e2e.test.ts): the
 * consumer's handling is a child of the span that wrote the event, in another
 * process as much as in this one.
 */
describeWithRedis("an event's trace context over Redis Streams", () => {
  it("makes the consumer's span a child of the producer's, in its trace", async () => {
    const exporter = new InMemorySpanExporter();
    const stopTracing = startTracing({ service: "test", exporter });
    const bus = new RedisStreamBus(new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), {
      topology: STREAM_TOPOLOGY,
      keyPrefix: `test:${randomBytes(6).toString("hex")}`,
      blockMs: 100,
    });
    const received: DomainEvent[] = [];
    const group = STREAMS.hearingOutcomes.consumers[0];
    const subscription = bus.subscribe({
      stream: STREAM,
      group,
      consumer: "c1",
      handler: consumeSpan(group, async (event) => void received.push(event)),
    });
    try {
      await inSpan("producer", {}, async () => {
        const event = { id: "e-1", type: "Test", occurredAt: new Date().toISOString(), payload: {}, traceContext: currentTraceCarrier() };
        await bus.publish(STREAM, [event]);
      });
      await waitUntil(async () => received.length === 1, "the event was handled");
      await waitUntil(async () => exporter.getFinishedSpans().some((span) => span.name === `consume ${STREAM}`), "its span ended");
      const producer = exporter.getFinishedSpans().find((span) => span.name === "producer")!;
      const consumer = exporter.getFinishedSpans().find((span) => span.name === `consume ${STREAM}`)!;
      expect(received[0].traceContext?.traceparent).toContain(producer.spanContext().traceId);
      expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
      expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
      // The publish's Redis commands are spans inside the producer's, named by command alone.
      const commands = exporter.getFinishedSpans().filter((span) => span.attributes["db.system.name"] === "redis");
      expect(
        commands.filter((span) => span.parentSpanContext?.spanId === producer.spanContext().spanId).map((span) => span.name),
      ).toContain("redis XADD");
      expect(consumer.attributes).toMatchObject({
        "messaging.consumer.group.name": group,
        "messaging.message.id": "e-1",
        "event.type": "Test",
      });
    } finally {
      await subscription.stop();
      await bus.close();
      await stopTracing();
    }
  });
});
