import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { STREAM_TOPOLOGY, STREAMS } from "../domain/topology";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { describeWithRedis } from "./support/describe-with-redis";
import { waitUntil } from "./support/events";
import { TEST_REDIS_URL } from "./support/services";

const MARKER = "MARKER-victim-address-12-Acacia-Avenue";
const STREAM = STREAMS.hearingOutcomes.name;

/**
 * A consumer's handler fails with an error whose message quotes the event's
 * personal data (as a database error about a row can): the bus logs that the
 * consumer is failing, and hands the error over for its safe description,
 * but never writes the message into the line itself.
 */
describeWithRedis("the event bus's log lines when a handler fails", () => {
  it("name the group, the stream and the state, never the handler's error message", async () => {
    const lines: string[] = [];
    const handed: unknown[] = [];
    const bus = new RedisStreamBus(new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), {
      topology: STREAM_TOPOLOGY,
      keyPrefix: `test:${randomBytes(6).toString("hex")}`,
      blockMs: 100,
      maxBackoffMs: 100,
      log: (message, error) => {
        lines.push(message);
        if (error !== undefined) handed.push(error);
      },
    });
    let attempts = 0;
    const group = STREAMS.hearingOutcomes.consumers[0];
    const subscription = bus.subscribe({
      stream: STREAM,
      group,
      consumer: "c1",
      handler: async () => {
        attempts += 1;
        throw new Error(`duplicate key for ${MARKER}`);
      },
    });
    try {
      await bus.publish(STREAM, [{ id: "e-1", type: "test", occurredAt: new Date().toISOString(), payload: { address: MARKER } }]);
      await waitUntil(
        async () => attempts >= 2 && lines.some((line) => line.includes("failing")),
        "the handler has failed twice and been logged",
      );
      expect(lines.find((line) => line.includes("failing"))).toContain(`${group} on ${STREAM}: failing`);
      expect(lines.filter((line) => line.includes(MARKER))).toEqual([]);
      // The error itself goes to the logger, which describes it without its message (describeErrorForLog).
      expect(handed.some((error) => error instanceof Error && error.message.includes(MARKER))).toBe(true);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});
