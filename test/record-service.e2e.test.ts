import { fixedClock } from "../platform/clock";
import { findAuditRecords } from "../platform/audit/store";
import { mergeChunks } from "../dev/dataset/chunk";
import { SEED_CASE_IDS, seedCasesChunk } from "../dev/dataset/seed-cases";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * recordService through the gateway: the day an order of the caller's force was served, read back as servedOn
 * and SERVED in its history; its audit record; a replay answered with the same order; every refusal naming the
 * argument (or FORBIDDEN for another force's order) and changing nothing.
 */
const TODAY = "2026-11-23";
const UNSERVED = "spo-07-unserved";
const APPLIED = "spo-07-applied";

function fixture() {
  const extra = emptyChunk();
  extra.orders.orders.push(
    order({
      id: UNSERVED,
      kind: "FULL",
      applicantForceCode: "07",
      respondentId: SEED_CASE_IDS.cheshire.respondent,
      madeOn: "2026-11-02",
      expiresOn: "2028-11-02",
    }),
    order({
      id: APPLIED,
      kind: "FULL",
      applicantForceCode: "07",
      respondentId: SEED_CASE_IDS.cheshire.respondent,
      appliedOn: "2026-11-01",
    }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

const OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const SERVE = `mutation Serve($input: RecordServiceInput!) { recordService(input: $input) { id servedOn history { type on } } }`;

describe("recordService", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  const state = async () => ({
    orders: await stack.databases.orders.db.query(`SELECT id, served_on FROM stalking_protection_order ORDER BY id`),
    events: await stack.databases.orders.db.query(`SELECT order_id, position, type FROM order_event ORDER BY 1, 2`),
    keys: await stack.databases.orders.db.query(`SELECT idempotency_key FROM idempotent_request ORDER BY 1`),
  });

  it.each([
    ["a day in the future", { orderId: UNSERVED, servedOn: "2026-11-24" }, "input.servedOn", "is in the future"],
    ["a day before the order was made", { orderId: UNSERVED, servedOn: "2026-11-01" }, "input.servedOn", "APPLIED on 2026-11-01"],
    ["an order never made", { orderId: APPLIED, servedOn: "2026-11-20" }, "input.servedOn", "only an order in force is served"],
    [
      "an order already served",
      { orderId: SEED_CASE_IDS.cheshire.fullOrder, servedOn: "2024-01-01" },
      "input.orderId",
      "was served on 2020-08-13",
    ],
    ["an unknown order", { orderId: "spo-nowhere", servedOn: "2026-11-20" }, "input.orderId", 'no order "spo-nowhere"'],
  ] as const)("refuses %s as BAD_USER_INPUT naming it, changing nothing", async (_case, input, argument, says) => {
    const before = await state();
    const { body } = await stack.query(SERVE, { input: { ...input, idempotencyKey: `refused-${_case}` } }, OFFICER);
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument }]);
    expect(body.errors![0].message).toContain(says);
    expect(await state()).toEqual(before);
  });

  it("refuses another force's officer with FORBIDDEN, changing nothing", async () => {
    const before = await state();
    const other = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
    const { body } = await stack.query(SERVE, { input: { orderId: UNSERVED, servedOn: "2026-11-03", idempotencyKey: "k" } }, other);
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
    expect(await state()).toEqual(before);
  });

  it("records the day, read back as servedOn and SERVED in the history, with its audit record", async () => {
    const { body, requestId } = await stack.query(
      SERVE,
      { input: { orderId: UNSERVED, servedOn: "2026-11-03", idempotencyKey: "serve-1" } },
      OFFICER,
    );
    expect(body).toEqual({
      data: { recordService: { id: UNSERVED, servedOn: "2026-11-03", history: [{ type: "SERVED", on: "2026-11-03" }] } },
    });
    const records = (await findAuditRecords(stack.audit.db, { limit: 1000 })).filter((record) => record.requestId === requestId);
    const outcome = records.find((record) => record.kind !== "intent");
    expect(outcome).toMatchObject({ sub: "officer-07", operationName: "Serve" });
    expect(JSON.parse(outcome!.changes)).toEqual([{ field: "recordService", type: "StalkingProtectionOrder", id: UNSERVED }]);
  });

  it("answers a replay with the same order, refuses the key with another day, and changes nothing", async () => {
    const before = await state();
    const again = await stack.query(SERVE, { input: { orderId: UNSERVED, servedOn: "2026-11-03", idempotencyKey: "serve-1" } }, OFFICER);
    expect(again.body.data).toEqual({
      recordService: { id: UNSERVED, servedOn: "2026-11-03", history: [{ type: "SERVED", on: "2026-11-03" }] },
    });
    const other = await stack.query(SERVE, { input: { orderId: UNSERVED, servedOn: "2026-11-04", idempotencyKey: "serve-1" } }, OFFICER);
    expect(other.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" }]);
    // A new key for the same order is a second service: refused, the order was served once.
    const second = await stack.query(SERVE, { input: { orderId: UNSERVED, servedOn: "2026-11-04", idempotencyKey: "serve-2" } }, OFFICER);
    expect(second.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.orderId" }]);
    expect(await state()).toEqual(before);
  });
});
