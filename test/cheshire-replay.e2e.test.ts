import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS, SEED_CASE_REFERENCES } from "../dev/dataset/seed-cases";
import { settableClock } from "./support/events";
import { principalFor } from "./support/identity";
import { cheshireBeforeReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

const IDS = SEED_CASE_IDS.cheshire;
const TODAY = "2026-11-23";
const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");

const RECORD = `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id status decision } }`;

/** What docs/seed-cases.md says of an order: kind, dates, court, terms, what it supersedes, and its court history. */
const ORDER_FACTS = `reference kind status appliedOn madeOn expiresOn untilFurtherOrder
  applicantForce { code } court { code }
  prohibitions { description exclusionArea } requirements { description }
  protectedPersons { id }
  supersedes { reference status }
  history { type on court { code } }
  hearings { type status decision listedFor court { code } }`;

/** Service of an order is not a court decision and not replayed; notes are free text. Everything else must match. */
function comparable(order: Record<string, any>) {
  return { ...order, history: order.history.filter((event: { type: string }) => event.type !== "SERVED") };
}

describe("replaying the Cheshire case through the API", () => {
  const clock = settableClock("2020-07-09");
  let replay: TestStack;
  let seed: TestStack;

  beforeAll(async () => {
    replay = await startTestStack({ chunks: [cheshireBeforeReview()], clock });
    seed = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock(TODAY) });
  });
  afterAll(async () => {
    await replay?.stop();
    await seed?.stop();
  });

  const orderAt = async (stack: TestStack, id: string) => {
    const { body } = await stack.query(`query($id: ID!) { order(id: $id) { ${ORDER_FACTS} } }`, { id });
    expect(body.errors).toBeUndefined();
    return body.data!.order;
  };

  it("reads the review on the Crewe list of 9 July 2020, records the extension, and the interim order gains both events", async () => {
    const list = await replay.query(
      `{ courtList(courtCode: "B07ED", date: "2020-07-09") { id type status order { reference } respondent { name { family } } } }`,
      undefined,
      CREWE_LISTING,
    );
    expect(list.body.data!.courtList).toEqual([
      {
        id: IDS.reviewHearing,
        type: "REVIEW",
        status: "LISTED",
        order: { reference: SEED_CASE_REFERENCES.cheshireInterim },
        respondent: { name: { family: "Fictionby" } },
      },
    ]);

    const { body } = await replay.query(
      RECORD,
      {
        input: {
          hearingId: IDS.reviewHearing,
          status: "HEARD",
          decision: "INTERIM_ORDER_EXTENDED",
          outcomeNote: "Interim order reviewed and extended until the full hearing.",
          idempotencyKey: "crewe-2020-07-09-review",
        },
      },
      CREWE_LISTING,
    );
    expect(body).toEqual({
      data: { recordHearingOutcome: { id: IDS.reviewHearing, status: "HEARD", decision: "INTERIM_ORDER_EXTENDED" } },
    });
    await replay.settle();

    const interim = await orderAt(replay, IDS.interimOrder);
    expect(interim.status).toBe("IN_FORCE");
    expect(interim.expiresOn).toBeNull();
    expect(interim.history.map((event: { type: string; on: string }) => `${event.type} ${event.on}`)).toEqual([
      "APPLIED 2020-03-10",
      "MADE 2020-03-12",
      "SERVED 2020-03-12",
      "REVIEWED 2020-07-09",
      "EXTENDED 2020-07-09",
    ]);
  });

  it("records the full order of 13 August 2020 for five years: it is created, supersedes the interim, and takes over the hearing", async () => {
    clock.set("2020-08-13");
    const input = {
      hearingId: IDS.fullApplicationHearing,
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      expiresOn: "2025-08-13",
      outcomeNote: "Full order made for five years; supersedes the interim order.",
      idempotencyKey: "crewe-2020-08-13-full",
    };
    const first = await replay.query(RECORD, { input }, CREWE_LISTING);
    // The court system retries (say its connection dropped): same answer, nothing recorded twice.
    const retry = await replay.query(RECORD, { input }, CREWE_LISTING);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    await replay.settle();

    const { body } = await replay.query(`query($id: ID!) { hearing(id: $id) { order { id reference kind } } }`, {
      id: IDS.fullApplicationHearing,
    });
    expect(body.data!.hearing.order).toMatchObject({ reference: SEED_CASE_REFERENCES.cheshireFull, kind: "FULL" });
    const fullOrderId = body.data!.hearing.order.id;

    const orders = await replay.query(`query($id: ID!) { person(id: $id) { stalkingProtectionOrders { reference kind } } }`, {
      id: IDS.respondent,
    });
    expect(orders.body.data!.person.stalkingProtectionOrders).toEqual([
      { reference: SEED_CASE_REFERENCES.cheshireFull, kind: "FULL" },
      { reference: SEED_CASE_REFERENCES.cheshireInterim, kind: "INTERIM" },
    ]);

    // The replayed orders are the seed case's orders, as of today, field by field.
    clock.set(TODAY);
    expect(comparable(await orderAt(replay, fullOrderId))).toEqual(comparable(await orderAt(seed, IDS.fullOrder)));
    expect(comparable(await orderAt(replay, IDS.interimOrder))).toEqual(comparable(await orderAt(seed, IDS.interimOrder)));
  });

  it("then reads IN_FORCE as of 1 January 2024 and EXPIRED today, with the expiry in the history", async () => {
    const asOf = async (day: string) => {
      clock.set(day);
      const { body } = await replay.query(
        `query($id: ID!) { person(id: $id) { spoStatus stalkingProtectionOrders { kind status expiresOn history { type on } } } }`,
        { id: IDS.respondent },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.person;
    };
    const in2024 = await asOf("2024-01-01");
    expect(in2024.spoStatus).toBe("ACTIVE_FULL");
    expect(in2024.stalkingProtectionOrders.map((order: { kind: string; status: string }) => [order.kind, order.status])).toEqual([
      ["FULL", "IN_FORCE"],
      ["INTERIM", "SUPERSEDED"],
    ]);
    const now = await asOf(TODAY);
    expect(now.spoStatus).toBe("ENDED");
    const [full] = now.stalkingProtectionOrders;
    expect(full).toMatchObject({ kind: "FULL", status: "EXPIRED", expiresOn: "2025-08-13" });
    expect(full.history.at(-1)).toEqual({ type: "EXPIRED", on: "2025-08-13" });
  });

  it("applied every decision exactly once", async () => {
    const counts = await replay.databases.orders.db.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM order_event GROUP BY type ORDER BY type`,
    );
    expect(counts).toEqual([
      { type: "APPLIED", n: 2 },
      { type: "EXTENDED", n: 1 },
      { type: "MADE", n: 2 },
      { type: "REVIEWED", n: 1 },
      { type: "SERVED", n: 1 },
      { type: "SUPERSEDED", n: 1 },
    ]);
    const orders = await replay.databases.orders.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stalking_protection_order`);
    expect(orders[0].n).toBe(2);
  });
});
