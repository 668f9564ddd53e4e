import { Redis } from "ioredis";
import { STREAMS } from "../domain/topology";
import type { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { describeWithRedis } from "./support/describe-with-redis";
import { openTestRedisBus } from "./support/events";
import { TEST_REDIS_URL } from "./support/services";

const OUTCOMES = STREAMS.hearingOutcomes.name;

/**
 * The backlog health reports (entries undelivered plus pending) when Redis's per-group `lag` counter is off,
 * as it can be on a replica promoted by a failover: the counter is set here with XGROUP SETID … ENTRIESREAD,
 * which is what a replica is told.
 */
describeWithRedis("an event bus's backlog when the lag counter is off", () => {
  let bus: RedisStreamBus;
  let admin: Redis;
  let ids: readonly string[];
  beforeAll(async () => {
    bus = openTestRedisBus();
    admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const receipt = await bus.publish(
      OUTCOMES,
      ["e1", "e2", "e3"].map((id) => ({ id, type: "HearingOutcomeRecorded", occurredAt: new Date().toISOString(), payload: {} })),
    );
    ids = receipt.entryIds;
  });
  afterAll(async () => {
    await admin.del(bus.streamKey(OUTCOMES), `${bus.streamKey(OUTCOMES)}:epoch`);
    admin.disconnect();
    await bus.close();
  });

  it("is 0 for a group given the newest entry, whatever its lag says", async () => {
    await admin.xgroup("SETID", bus.streamKey(OUTCOMES), "orders", ids[2], "ENTRIESREAD", 1);
    const lag = ((await admin.xinfo("GROUPS", bus.streamKey(OUTCOMES))) as unknown[][]).find((group) => group[1] === "orders")!;
    expect(lag[lag.indexOf("lag") + 1]).toBe(2);
    expect(await bus.backlog(OUTCOMES, "orders")).toBe(0);
  });

  it("is at least 1 for a group with an entry undelivered, even when its lag says 0", async () => {
    await admin.xgroup("SETID", bus.streamKey(OUTCOMES), "orders", ids[1], "ENTRIESREAD", 3);
    expect(await bus.backlog(OUTCOMES, "orders")).toBe(1);
  });

  it("trusts the lag counter otherwise", async () => {
    await admin.xgroup("SETID", bus.streamKey(OUTCOMES), "orders", ids[0], "ENTRIESREAD", 1);
    expect(await bus.backlog(OUTCOMES, "orders")).toBe(2);
  });
});
