import { randomUUID } from "node:crypto";
import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../../domain/court-decisions";
import type { DomainEvent } from "../../../../platform/events/event";
import { idempotentHandler } from "../../../../platform/events/inbox";
import type { OrderFactsChangedPayload } from "../../../../domain/order-facts/order-facts";
import type { SubgraphServer } from "../../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../../test/support/database";
import { executeOnSubgraph } from "../../../../test/support/execute";
import { order } from "../../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../../test/support/subgraph-under-test";
import { applyHearingOutcomeToOrders } from "../hearing-outcomes.consumer";
import { ordersSubgraph } from "../../subgraph";

const TODAY = "2026-11-23";

function fixture() {
  const chunk = emptyChunk();
  const at = { applicantForceCode: "07", courtCode: "B07ED" };
  chunk.orders.orders.push(
    order({ id: "interim-applied", kind: "INTERIM", ...at, appliedOn: "2026-01-05" }),
    order({ id: "full-applied", kind: "FULL", ...at, appliedOn: "2026-01-05" }),
    order({ id: "interim", kind: "INTERIM", ...at, appliedOn: "2026-01-05", madeOn: "2026-01-07" }),
    order({ id: "full", kind: "FULL", ...at, madeOn: "2024-03-01", expiresOn: "2027-03-01" }),
    order({
      id: "discharged",
      kind: "FULL",
      ...at,
      madeOn: "2024-03-01",
      untilFurtherOrder: true,
      endedOn: "2025-01-01",
      endReason: "DISCHARGED",
    }),
  );
  return chunk;
}

function outcome(
  payload: Partial<HearingOutcomeRecordedPayload> & Pick<HearingOutcomeRecordedPayload, "orderId" | "hearingType" | "decision">,
): DomainEvent {
  return {
    id: randomUUID(),
    type: HEARING_OUTCOME_RECORDED,
    occurredAt: new Date().toISOString(),
    payload: {
      hearingId: "h1",
      courtCode: "B07ED",
      breachId: null,
      status: "HEARD",
      decidedOn: "2026-03-02",
      expiresOn: null,
      untilFurtherOrder: null,
      outcomeNote: "Decided.",
      ...payload,
    } satisfies HearingOutcomeRecordedPayload,
  };
}

const ORDER = `query($id: ID!) { order(id: $id) { status madeOn expiresOn untilFurtherOrder history { type on court { code } } } }`;

describe("orders applies recorded hearing outcomes", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  let handle: (event: DomainEvent) => Promise<void>;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    ({ database, server } = await startSubgraphUnderTest(ordersSubgraph, [fixture()], TODAY));
    const handler = idempotentHandler({
      db: database.db,
      group: "orders",
      apply: applyHearingOutcomeToOrders,
      log: (line) => void logged.push(line),
    });
    handle = (event) => handler(event, "hearing-outcomes");
  });
  afterEach(() => database.dispose());

  const orderNow = async (id: string) => (await executeOnSubgraph(server, ORDER, { id })).data!.order;
  const historyOf = async (id: string) =>
    (await orderNow(id)).history.map((event: { type: string; on: string }) => `${event.type} ${event.on}`);
  const published = async () =>
    (
      await database.db.query<{ payload: OrderFactsChangedPayload }>(
        `SELECT payload FROM event_outbox WHERE stream = 'order-facts' ORDER BY position`,
      )
    ).map((row) => row.payload);

  it.each([
    [
      "an interim order made on its application",
      outcome({ orderId: "interim-applied", hearingType: "INTERIM_APPLICATION", decision: "INTERIM_ORDER_MADE" }),
      "interim-applied",
      { status: "IN_FORCE", madeOn: "2026-03-02", expiresOn: null },
      ["MADE 2026-03-02"],
    ],
    [
      "a full order made on an application without an interim",
      outcome({ orderId: "full-applied", hearingType: "FULL_APPLICATION", decision: "FULL_ORDER_MADE", untilFurtherOrder: true }),
      "full-applied",
      { status: "IN_FORCE", madeOn: "2026-03-02", untilFurtherOrder: true },
      ["MADE 2026-03-02"],
    ],
    [
      "an interim order extended at a review",
      outcome({ orderId: "interim", hearingType: "REVIEW", decision: "INTERIM_ORDER_EXTENDED" }),
      "interim",
      { status: "IN_FORCE", expiresOn: null },
      ["REVIEWED 2026-03-02", "EXTENDED 2026-03-02"],
    ],
    [
      "a full order varied on appeal and lengthened",
      outcome({ orderId: "full", hearingType: "APPEAL", courtCode: "C07CH", decision: "ORDER_VARIED", expiresOn: "2028-03-01" }),
      "full",
      { status: "IN_FORCE", expiresOn: "2028-03-01" },
      ["APPEALED 2026-03-02", "VARIED 2026-03-02"],
    ],
    [
      "a full order renewed",
      outcome({ orderId: "full", hearingType: "RENEWAL", decision: "ORDER_RENEWED", expiresOn: "2029-03-01" }),
      "full",
      { status: "IN_FORCE", expiresOn: "2029-03-01" },
      ["RENEWED 2026-03-02"],
    ],
    [
      "a full order discharged",
      outcome({ orderId: "full", hearingType: "DISCHARGE", decision: "ORDER_DISCHARGED" }),
      "full",
      { status: "DISCHARGED" },
      ["DISCHARGED 2026-03-02"],
    ],
    [
      "an interim application refused",
      outcome({ orderId: "interim-applied", hearingType: "INTERIM_APPLICATION", decision: "APPLICATION_REFUSED" }),
      "interim-applied",
      { status: "REFUSED", madeOn: null },
      ["REFUSED 2026-03-02"],
    ],
    [
      "the full application withdrawn, ending its interim order",
      outcome({ orderId: "interim", hearingType: "FULL_APPLICATION", decision: "APPLICATION_WITHDRAWN" }),
      "interim",
      { status: "WITHDRAWN" },
      ["WITHDRAWN 2026-03-02"],
    ],
  ])("%s: the order gains the events and its status follows", async (_name, event, orderId, expected, newEvents) => {
    const before = await historyOf(orderId);
    await handle(event);
    expect(await orderNow(orderId)).toMatchObject(expected);
    expect(await historyOf(orderId)).toEqual([...before, ...newEvents]);
    const [change] = await published();
    expect(change.order).toMatchObject({ id: orderId, version: 2 });
    expect(change.madeAtHearingId).toBeNull();
  });

  it("leaves the order as it was when a variation is refused, an outcome is adjourned or a breach is decided", async () => {
    const before = await orderNow("full");
    await handle(outcome({ orderId: "full", hearingType: "VARIATION", decision: "APPLICATION_REFUSED" }));
    await handle(outcome({ orderId: "full", hearingType: "REVIEW", decision: "ADJOURNED", status: "ADJOURNED" }));
    await handle(outcome({ orderId: "full", hearingType: "BREACH_TRIAL", decision: "CONVICTED", breachId: "b1" }));
    expect(await orderNow("full")).toEqual(before);
    expect(await published()).toEqual([]);
  });

  it("creates the full order on an interim order's application, superseding the interim, with the next reference of its force and year", async () => {
    await handle(
      outcome({
        orderId: "interim",
        hearingType: "FULL_APPLICATION",
        decision: "FULL_ORDER_MADE",
        expiresOn: "2028-03-02",
        hearingId: "full-hearing",
      }),
    );
    const [interimChange, fullChange] = await published();
    expect(interimChange.order).toMatchObject({ id: "interim", endReason: "SUPERSEDED", endedOn: "2026-03-02", version: 2 });
    expect(fullChange).toMatchObject({
      madeAtHearingId: "full-hearing",
      order: { kind: "FULL", supersedesId: "interim", madeOn: "2026-03-02", expiresOn: "2028-03-02", appliedOn: "2026-01-05", version: 1 },
    });
    const { data } = await executeOnSubgraph(
      server,
      `query($id: ID!) { order(id: $id) { reference status supersedes { id status } history { type on } } }`,
      {
        id: fullChange.order.id,
      },
    );
    // The fixture's references are not of the SPO/07/2026/NNNN form, so the first of 2026 is 0001.
    expect(data!.order).toEqual({
      reference: "SPO/07/2026/0001",
      status: "IN_FORCE",
      supersedes: { id: "interim", status: "SUPERSEDED" },
      history: [{ type: "MADE", on: "2026-03-02" }],
    });
  });

  it("sets aside an outcome that no longer fits the order, with the reason, and changes nothing", async () => {
    const event = outcome({ orderId: "discharged", hearingType: "DISCHARGE", decision: "ORDER_DISCHARGED" });
    await handle(event);
    await handle(outcome({ orderId: "no-such-order", hearingType: "REVIEW", decision: "ORDER_VARIED" }));
    const rejected = await database.db.query<{ event_id: string; reason: string }>(
      `SELECT event_id, reason FROM rejected_event ORDER BY reason`,
    );
    expect(rejected).toEqual([
      {
        event_id: event.id,
        reason: "decision: only an order in force can be discharged: the full order is DISCHARGED on 2026-03-02 (hearing h1)",
      },
      { event_id: expect.any(String), reason: 'no order "no-such-order" (hearing h1)' },
    ]);
    // The log names each event set aside, never its reason: the reason quotes the records (kept in rejected_event).
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain(event.id);
    for (const line of logged) for (const { reason } of rejected) expect(line).not.toContain(reason);
    expect(logged.join("\n")).not.toContain("no-such-order");
    expect(await published()).toEqual([]);
  });

  it("applies an event delivered twice once", async () => {
    const event = outcome({ orderId: "full", hearingType: "RENEWAL", decision: "ORDER_RENEWED", expiresOn: "2029-03-01" });
    await handle(event);
    await handle(event);
    expect((await historyOf("full")).filter((entry: string) => entry.startsWith("RENEWED"))).toHaveLength(1);
    expect(await published()).toHaveLength(1);
  });
});
