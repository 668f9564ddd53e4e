import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
import { deriveOrderStatus } from "../../../domain/order-status";
import type { DomainEvent } from "../../../platform/events/event";
import { insertChunks, openTestDatabase, type TestDatabase } from "../../../test/support/database";
import { applyHearingOutcomeToOrders } from "../events/hearing-outcomes.consumer";
import { OrderWriter } from "../order/order.writer";
import { ordersSubgraph } from "../subgraph";
import { ordersFixture } from "./orders.fixture";

/**
 * The two effects only an appeal has, applied by the orders' consumer: an order refused made on appeal (s.7(4)),
 * and a discharged order reinstated. Both undo the order's end; the order's events say what happened.
 */
describe("an appeal outcome applied to the order", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
    await insertChunks(database.db, ordersSubgraph, [ordersFixture()]);
  });
  afterAll(() => database.dispose());

  const outcome = (orderId: string, details: Partial<HearingOutcomeRecordedPayload>): DomainEvent<HearingOutcomeRecordedPayload> => ({
    id: `event-${orderId}`,
    type: HEARING_OUTCOME_RECORDED,
    occurredAt: "2022-06-01T10:00:00.000Z",
    payload: {
      hearingId: `appeal-${orderId}`,
      hearingType: "APPEAL",
      courtCode: "C07CH",
      orderId,
      breachId: null,
      status: "HEARD",
      decision: "ORDER_VARIED",
      decidedOn: "2022-06-01",
      expiresOn: null,
      untilFurtherOrder: null,
      outcomeNote: null,
      ...details,
    },
  });
  const factsOf = (id: string) => new OrderWriter(database.db).lockOrder(id);
  const eventsOf = (id: string) =>
    database.db.query<{ type: string; occurred_on: string }>(
      "SELECT type, occurred_on FROM order_event WHERE order_id = $1 ORDER BY position",
      [id],
    );
  const published = (id: string) =>
    database.db.query<{ payload: { order: { id: string; endedOn: string | null } } }>(
      "SELECT payload FROM event_outbox WHERE payload->'order'->>'id' = $1",
      [id],
    );

  it("makes the full order refused, in force from the appeal with the expiry the Crown Court set", async () => {
    await database.db.transaction((tx) =>
      applyHearingOutcomeToOrders(tx, outcome("a1", { decision: "FULL_ORDER_MADE", expiresOn: "2025-06-01" })),
    );
    const facts = await factsOf("a1");
    expect(facts).toMatchObject({
      madeOn: "2022-06-01",
      expiresOn: "2025-06-01",
      untilFurtherOrder: false,
      endedOn: null,
      endReason: null,
    });
    expect(deriveOrderStatus(facts!, "2022-06-01")).toBe("IN_FORCE");
    expect((await eventsOf("a1")).slice(-2)).toEqual([
      { type: "APPEALED", occurred_on: "2022-06-01" },
      { type: "MADE", occurred_on: "2022-06-01" },
    ]);
    expect(await published("a1")).toEqual([{ payload: expect.objectContaining({ order: expect.objectContaining({ endedOn: null }) }) }]);
  });

  it("reinstates a discharged order with the expiry it had", async () => {
    await database.db.transaction((tx) => applyHearingOutcomeToOrders(tx, outcome("d1", { decidedOn: "2022-06-01" })));
    const facts = await factsOf("d1");
    expect(facts).toMatchObject({ madeOn: "2019-05-01", untilFurtherOrder: true, endedOn: null, endReason: null });
    expect(deriveOrderStatus(facts!, "2022-06-01")).toBe("IN_FORCE");
    expect((await eventsOf("d1")).at(-1)).toEqual({ type: "APPEALED", occurred_on: "2022-06-01" });
    expect(await published("d1")).toHaveLength(1);
  });

  it("rejects an order made on appeal that was never refused, changing nothing", async () => {
    const before = await factsOf("f3");
    await expect(
      database.db.transaction((tx) =>
        applyHearingOutcomeToOrders(tx, outcome("f3", { decision: "FULL_ORDER_MADE", expiresOn: "2025-06-01" })),
      ),
    ).rejects.toThrow(/on appeal, an order is made only against its refusal/);
    expect(await factsOf("f3")).toEqual(before);
  });
});
