import { fixedClock } from "../platform/clock";
import { findAuditRecords } from "../platform/audit/store";
import { mergeChunks } from "../dev/dataset/chunk";
import { SEED_CASE_IDS, seedCasesChunk } from "../dev/dataset/seed-cases";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { breach, hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * transferManagement through the gateway: management of a Cheshire order passes to Staffordshire, the force of
 * the area its respondent now lives in (s.14(1)). Before, Staffordshire's officer sees that the order exists and
 * gets OUT_OF_JURISDICTION for its detail; after, it sees the terms, the protected person, the hearings' outcome
 * notes and the breaches' text, in every subgraph (orders, and the order-facts copies of hearings, breaches and
 * people), with the response cache on. Every refusal names the argument (or FORBIDDEN) and changes nothing.
 */
const TODAY = "2026-11-23";
const MOVING = "spo-07-moving";
const OTHER = "spo-07-other";

function fixture() {
  const extra = emptyChunk();
  const made = { kind: "FULL" as const, applicantForceCode: "07", courtCode: "B07ED", madeOn: "2026-01-10", untilFurtherOrder: true };
  extra.orders.orders.push(
    order({ id: MOVING, ...made, respondentId: SEED_CASE_IDS.cheshire.respondent }),
    order({ id: OTHER, ...made, respondentId: SEED_CASE_IDS.cheshire.respondent }),
  );
  extra.orders.protectedPersons.push({ orderId: MOVING, personId: SEED_CASE_IDS.cheshire.protectedPerson });
  extra.orders.terms.push({
    orderId: MOVING,
    category: "PROHIBITION",
    position: 0,
    description: "Not to contact her by any means",
    exclusionArea: null,
  });
  extra.hearings.hearings.push(
    hearing("hearing-moving", "2026-01-10T10:00:00Z", {
      orderId: MOVING,
      type: "FULL_APPLICATION",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      outcomeNote: "Made until further order",
    }),
  );
  extra.breaches.breaches.push(
    breach("breach-moving", "07", "2026-03-01", { orderId: MOVING, orderForceCode: "07", description: "Texted her twice" }),
  );
  // The respondent's home address, newly notified in Staffordshire's area: it proposes the transfer, no more.
  extra.people.addresses.push({
    id: "address-moved-to-cannock",
    personId: SEED_CASE_IDS.cheshire.respondent,
    forceCode: "21",
    address: "1 Market Place, Cannock",
    notifiedOn: "2026-11-10",
    policeStation: "Cannock",
  });
  return mergeChunks(seedCasesChunk(), extra);
}

const CHESHIRE = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const STAFFORDSHIRE = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const WEST_MIDLANDS = principalFor("force-officer", { kind: "forces", forces: ["20"] }, "officer-20");

const TRANSFER = `mutation Transfer($input: TransferManagementInput!) {
  transferManagement(input: $input) {
    id managingForce { code }
    managementHistory { force { code } from until requestedBy { code } }
  }
}`;
const DETAIL = `query Detail($id: ID!) {
  order(id: $id) {
    id managingForce { code }
    prohibitions { description }
    protectedPersons { id }
    hearings { id outcomeNote }
    breaches { id description }
  }
}`;
const PROPOSAL = `query Proposal($id: ID!) { order(id: $id) { proposedTransfer { from { code } to { code } proposedOn } } }`;
const PROTECTED = `query Protected($id: ID!) { person(id: $id) { id } }`;

describe("transferManagement", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [fixture()],
      clock: fixedClock(TODAY),
      // On, so that a stored pre-transfer answer would be found if one were kept.
      responseCache: { store: { kind: "memory", maxBytes: 4 * 1024 * 1024 }, ttlSeconds: 300, persistedQueryTtlSeconds: 300 },
    });
  });
  afterAll(() => stack?.stop());

  const state = async () => ({
    orders: await stack.databases.orders.db.query(`SELECT id, managing_force_code, version FROM stalking_protection_order ORDER BY id`),
    transfers: await stack.databases.orders.db.query(`SELECT * FROM order_management_transfer ORDER BY 1, 2`),
    keys: await stack.databases.orders.db.query(`SELECT idempotency_key FROM idempotent_request ORDER BY 1`),
    outbox: await stack.databases.orders.db.query(`SELECT count(*)::int AS n FROM event_outbox`),
  });

  it.each([
    ["a transfer to the force managing it", { orderId: MOVING, toForce: "07" }, CHESHIRE, "input.toForce", "already manages the order"],
    ["a transfer to a force with no police area", { orderId: MOVING, toForce: "93" }, CHESHIRE, "input.toForce", "has no police area"],
    ["an unknown force", { orderId: MOVING, toForce: "99" }, CHESHIRE, "input.toForce", 'unknown force code "99"'],
    ["an unknown order", { orderId: "spo-nowhere", toForce: "21" }, CHESHIRE, "input.orderId", 'no order "spo-nowhere"'],
    [
      "a day in the future",
      { orderId: MOVING, toForce: "21", transferredOn: "2026-11-24" },
      STAFFORDSHIRE,
      "input.transferredOn",
      "is in the future",
    ],
  ] as const)("refuses %s as BAD_USER_INPUT naming it, changing nothing", async (_case, input, caller, argument, says) => {
    const before = await state();
    const { body } = await stack.query(
      TRANSFER,
      { input: { transferredOn: "2026-11-20", ...input, idempotencyKey: `refused-${_case}` } },
      caller,
    );
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument }]);
    expect(body.errors![0].message).toContain(says);
    expect(await state()).toEqual(before);
  });

  it("refuses a force that neither manages nor receives the order with FORBIDDEN, changing nothing", async () => {
    const before = await state();
    const { body } = await stack.query(
      TRANSFER,
      { input: { orderId: MOVING, toForce: "21", transferredOn: "2026-11-20", idempotencyKey: "k" } },
      WEST_MIDLANDS,
    );
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
    expect(await state()).toEqual(before);
  });

  it("before the transfer, the receiving force sees that the order exists and none of its detail", async () => {
    const { body } = await stack.query(DETAIL, { id: MOVING }, STAFFORDSHIRE);
    expect(body.data).toEqual({
      order: {
        id: MOVING,
        managingForce: { code: "07" },
        prohibitions: null,
        protectedPersons: null,
        hearings: [{ id: "hearing-moving", outcomeNote: null }],
        breaches: [{ id: "breach-moving", description: null }],
      },
    });
    expect(new Set(body.errors!.map((error) => JSON.stringify([error.path, error.extensions])))).toEqual(
      new Set(
        [
          ["order", "prohibitions"],
          ["order", "protectedPersons"],
          ["order", "hearings", 0, "outcomeNote"],
          ["order", "breaches", 0, "description"],
        ].map((path) => JSON.stringify([path, { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }])),
      ),
    );
    const victim = await stack.query(PROTECTED, { id: SEED_CASE_IDS.cheshire.protectedPerson }, STAFFORDSHIRE);
    expect(victim.body.data).toEqual({ person: null });
  });

  it("before the transfer, the address notified in Staffordshire proposes it, to the two forces it is between only", async () => {
    const proposal = { from: { code: "07" }, to: { code: "21" }, proposedOn: "2026-11-10" };
    for (const caller of [CHESHIRE, STAFFORDSHIRE]) {
      const { body } = await stack.query(PROPOSAL, { id: MOVING }, caller);
      expect(body).toEqual({ data: { order: { proposedTransfer: proposal } } });
    }
    const { body } = await stack.query(PROPOSAL, { id: MOVING }, WEST_MIDLANDS);
    expect(body.data).toEqual({ order: { proposedTransfer: null } });
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
  });

  it("the receiving force takes management up: read back with its history and its audit record", async () => {
    const { body, requestId } = await stack.query(
      TRANSFER,
      { input: { orderId: MOVING, toForce: "21", transferredOn: "2026-11-20", idempotencyKey: "staffs-takes-up" } },
      STAFFORDSHIRE,
    );
    expect(body).toEqual({
      data: {
        transferManagement: {
          id: MOVING,
          managingForce: { code: "21" },
          managementHistory: [
            { force: { code: "07" }, from: null, until: "2026-11-20", requestedBy: null },
            { force: { code: "21" }, from: "2026-11-20", until: null, requestedBy: { code: "21" } },
          ],
        },
      },
    });
    const records = (await findAuditRecords(stack.audit.db, { limit: 1000 })).filter((record) => record.requestId === requestId);
    const outcome = records.find((record) => record.kind !== "intent");
    expect(outcome).toMatchObject({ sub: "officer-21", operationName: "Transfer" });
    expect(JSON.parse(outcome!.changes)).toEqual([{ field: "transferManagement", type: "StalkingProtectionOrder", id: MOVING }]);
  });

  it("after it, the managing force sees the terms, the protected person, hearings and breaches; the applicant force still does", async () => {
    await stack.settle();
    for (const caller of [STAFFORDSHIRE, CHESHIRE]) {
      const { body } = await stack.query(DETAIL, { id: MOVING }, caller);
      expect(body).toEqual({
        data: {
          order: {
            id: MOVING,
            managingForce: { code: "21" },
            prohibitions: [{ description: "Not to contact her by any means" }],
            protectedPersons: [{ id: SEED_CASE_IDS.cheshire.protectedPerson }],
            hearings: [{ id: "hearing-moving", outcomeNote: "Made until further order" }],
            breaches: [{ id: "breach-moving", description: "Texted her twice" }],
          },
        },
      });
    }
    const victim = await stack.query(PROTECTED, { id: SEED_CASE_IDS.cheshire.protectedPerson }, STAFFORDSHIRE);
    expect(victim.body.data).toEqual({ person: { id: SEED_CASE_IDS.cheshire.protectedPerson } });
    // The proposal is taken up: none remains.
    await stack.settle();
    const proposal = await stack.query(PROPOSAL, { id: MOVING }, STAFFORDSHIRE);
    expect(proposal.body).toEqual({ data: { order: { proposedTransfer: null } } });
    // Another order of the same force, not transferred, stays out of Staffordshire's jurisdiction.
    const other = await stack.query(`{ order(id: "${OTHER}") { prohibitions { description } } }`, {}, STAFFORDSHIRE);
    expect(other.body.errors!.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
  });

  it("answers a replay with the same order, refuses the key with another day, and changes nothing", async () => {
    const before = await state();
    const input = { orderId: MOVING, toForce: "21", transferredOn: "2026-11-20", idempotencyKey: "staffs-takes-up" };
    const again = await stack.query(TRANSFER, { input }, STAFFORDSHIRE);
    expect(again.body.data).toMatchObject({ transferManagement: { id: MOVING, managingForce: { code: "21" } } });
    const other = await stack.query(TRANSFER, { input: { ...input, transferredOn: "2026-11-21" } }, STAFFORDSHIRE);
    expect(other.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" }]);
    // Cheshire, the applicant force, still covers the order but no longer manages it: it cannot hand it on.
    const cheshire = await stack.query(
      TRANSFER,
      { input: { orderId: MOVING, toForce: "20", transferredOn: "2026-11-22", idempotencyKey: "cheshire-hands-on" } },
      CHESHIRE,
    );
    expect(cheshire.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.orderId" }]);
    expect(cheshire.body.errors![0].message).toContain("asked for by the force managing the order (21) or the force receiving it");
    const earlier = await stack.query(
      TRANSFER,
      { input: { orderId: MOVING, toForce: "20", transferredOn: "2026-11-19", idempotencyKey: "staffs-earlier" } },
      STAFFORDSHIRE,
    );
    expect(earlier.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.transferredOn" }]);
    expect(await state()).toEqual(before);
  });
});
