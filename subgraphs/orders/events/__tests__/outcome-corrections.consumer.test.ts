import { randomUUID } from "node:crypto";
import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../../domain/court-decisions";
import { HEARING_OUTCOME_AMENDED, type HearingOutcomeAmendedPayload } from "../../../../domain/outcome-amendments";
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

/** Orders applying corrections of recorded outcomes: the original effect undone, the corrected one applied, history kept. */
const TODAY = "2026-11-23";
const DECIDED = "2026-03-02";
const CORRECTED_AT = "2026-03-09T10:00:00.000Z";

function fixture() {
  const chunk = emptyChunk();
  const at = { applicantForceCode: "07", courtCode: "B07ED" };
  chunk.orders.orders.push(
    order({ id: "full-applied", kind: "FULL", ...at, appliedOn: "2026-01-05" }),
    order({ id: "interim", kind: "INTERIM", ...at, appliedOn: "2026-01-05", madeOn: "2026-01-07" }),
  );
  return chunk;
}

type Outcome = Pick<HearingOutcomeRecordedPayload, "status" | "decision" | "expiresOn" | "untilFurtherOrder">;
const heard = (decision: HearingOutcomeRecordedPayload["decision"], expiresOn: string | null = null): Outcome => ({
  status: "HEARD",
  decision,
  expiresOn,
  untilFurtherOrder: null,
});

const about = (orderId: string) => ({
  hearingId: `hearing-of-${orderId}`,
  hearingType: "FULL_APPLICATION" as const,
  courtCode: "B07ED",
  orderId,
  breachId: null,
  decidedOn: DECIDED,
  outcomeNote: null,
});

function recorded(orderId: string, outcome: Outcome): DomainEvent {
  const payload: HearingOutcomeRecordedPayload = { ...about(orderId), ...outcome };
  return { id: randomUUID(), type: HEARING_OUTCOME_RECORDED, occurredAt: "2026-03-02T15:00:00.000Z", payload };
}

function amended(orderId: string, from: Outcome, to: Outcome, number = 1): DomainEvent {
  const payload: HearingOutcomeAmendedPayload = {
    ...about(orderId),
    ...to,
    amendment: { number, correctedOn: "2026-03-09", corrected: { ...from, outcomeNote: null }, effectChanged: true },
  };
  return { id: randomUUID(), type: HEARING_OUTCOME_AMENDED, occurredAt: CORRECTED_AT, payload };
}

const ORDER = `query($id: ID!) { order(id: $id) { status madeOn expiresOn history { type on correctedOn } } }`;

describe("orders applies corrections of recorded outcomes", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  let handle: (event: DomainEvent) => Promise<void>;

  beforeEach(async () => {
    ({ database, server } = await startSubgraphUnderTest(ordersSubgraph, [fixture()], TODAY));
    const handler = idempotentHandler({ db: database.db, group: "orders", apply: applyHearingOutcomeToOrders, log: () => {} });
    handle = (event) => handler(event, "hearing-outcomes");
  });
  afterEach(() => database.dispose());

  const orderNow = async (id: string) => (await executeOnSubgraph(server, ORDER, { id })).data!.order;
  const published = async () =>
    (
      await database.db.query<{ payload: OrderFactsChangedPayload }>(
        `SELECT payload FROM event_outbox WHERE stream = 'order-facts' ORDER BY position`,
      )
    ).map((row) => row.payload);

  it("undoes a full order made in error and refuses the application instead, the MADE event kept and marked corrected", async () => {
    const made = heard("FULL_ORDER_MADE", "2028-03-02");
    await handle(recorded("full-applied", made));
    await handle(amended("full-applied", made, heard("APPLICATION_REFUSED")));
    expect(await orderNow("full-applied")).toEqual({
      status: "REFUSED",
      madeOn: null,
      expiresOn: null,
      history: [
        { type: "MADE", on: DECIDED, correctedOn: "2026-03-09" },
        { type: "REFUSED", on: DECIDED, correctedOn: null },
      ],
    });
    const changes = await published();
    // Made (version 2), then the correction published once with its last version (restored 3, refused 4).
    expect(changes.map((change) => [change.order.id, change.order.version, change.order.endReason])).toEqual([
      ["full-applied", 2, null],
      ["full-applied", 4, "REFUSED"],
    ]);
  });

  it("corrects a mistyped expiry: the order stays made, with the expiry the court ordered", async () => {
    const made = heard("FULL_ORDER_MADE", "2028-03-02");
    await handle(recorded("full-applied", made));
    await handle(amended("full-applied", made, heard("FULL_ORDER_MADE", "2031-03-02")));
    expect(await orderNow("full-applied")).toMatchObject({
      status: "IN_FORCE",
      madeOn: DECIDED,
      expiresOn: "2031-03-02",
      history: [
        { type: "MADE", correctedOn: "2026-03-09" },
        { type: "MADE", on: DECIDED, correctedOn: null },
      ],
    });
  });

  // The fixture's orders carry no APPLIED event: their histories start with what the outcomes add.
  it("sets aside a full order made in error on an interim order's application; the interim ends refused instead", async () => {
    const made = heard("FULL_ORDER_MADE", "2028-03-02");
    await handle(recorded("interim", made));
    const [, fullMade] = await published();
    const fullId = fullMade.order.id;
    await handle(amended("interim", made, heard("APPLICATION_REFUSED")));

    const { data } = await executeOnSubgraph(
      server,
      `query($id: ID!) { order(id: $id) { status madeOn supersedes { id status } history { type correctedOn } } }`,
      { id: fullId },
    );
    expect(data!.order).toEqual({
      status: "SET_ASIDE",
      madeOn: null,
      supersedes: { id: "interim", status: "REFUSED" },
      history: [{ type: "MADE", correctedOn: "2026-03-09" }],
    });
    expect(await orderNow("interim")).toMatchObject({
      status: "REFUSED",
      history: [
        { type: "SUPERSEDED", correctedOn: "2026-03-09" },
        { type: "REFUSED", correctedOn: null },
      ],
    });
    const corrections = (await published()).slice(2);
    expect(corrections.map((change) => [change.order.id, change.order.endReason, change.madeAtHearingId])).toEqual([
      [fullId, "SET_ASIDE", null],
      ["interim", "REFUSED", null],
    ]);
    expect(corrections[0].order.version).toBe(fullMade.order.version + 1);
  });

  it("applies a correction of a correction against the order the original found", async () => {
    const made = heard("FULL_ORDER_MADE", "2028-03-02");
    const refused = heard("APPLICATION_REFUSED");
    await handle(recorded("full-applied", made));
    await handle(amended("full-applied", made, refused));
    await handle(amended("full-applied", refused, heard("APPLICATION_WITHDRAWN"), 2));
    expect(await orderNow("full-applied")).toMatchObject({
      status: "WITHDRAWN",
      history: [
        { type: "MADE", correctedOn: "2026-03-09" },
        { type: "REFUSED", correctedOn: "2026-03-09" },
        { type: "WITHDRAWN", correctedOn: null },
      ],
    });
  });

  it("applies a correction delivered twice once, and changes nothing for a correction leaving the effect as it was", async () => {
    const made = heard("FULL_ORDER_MADE", "2028-03-02");
    await handle(recorded("full-applied", made));
    const correction = amended("full-applied", made, heard("APPLICATION_REFUSED"));
    await handle(correction);
    const after = await orderNow("full-applied");
    const changes = await published();
    await handle(correction);
    const noteOnly = amended("full-applied", heard("APPLICATION_REFUSED"), heard("APPLICATION_REFUSED"), 2);
    (noteOnly.payload as HearingOutcomeAmendedPayload).amendment.effectChanged = false;
    await handle(noteOnly);
    expect(await orderNow("full-applied")).toEqual(after);
    expect(await published()).toEqual(changes);
  });
});
