import { fixedClock } from "../platform/clock";
import { findAuditRecords } from "../platform/audit/store";
import { mergeChunks } from "../dev/dataset/chunk";
import { SEED_CASE_IDS, seedCasesChunk } from "../dev/dataset/seed-cases";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * applyForOrder through the gateway: an application as a force the caller covers, held to the application rules
 * (domain/applications.ts) against the respondent as orders knows them; the order created APPLIED with its
 * parties, terms and history; its audit record keeping the case detail only as hashes; a replay answered with the
 * same order; and every refusal BAD_USER_INPUT naming the argument, changing nothing.
 */
const TODAY = "2026-11-23";
const CHESHIRE = SEED_CASE_IDS.cheshire;
const STAFFORDSHIRE = SEED_CASE_IDS.staffordshire;
/** A respondent of 16 today, of a Cheshire order; and a person a British Transport Police order protects. */
const YOUTH = "person-07-youth-1";
const BTP_PROTECTED = "person-93-protected-1";

function fixture() {
  const extra = emptyChunk();
  extra.people.persons.push(
    { id: YOUTH, forceCode: "07", pncId: null, givenName: "Sam", familyName: "Youngman", dateOfBirth: "2010-05-01" },
    { id: "person-93-respondent-1", forceCode: "93", pncId: null, givenName: "Rail", familyName: "Rider", dateOfBirth: "1990-01-01" },
    { id: BTP_PROTECTED, forceCode: "93", pncId: null, givenName: "Ticket", familyName: "Holder", dateOfBirth: null },
  );
  extra.orders.orders.push(
    order({ id: "spo-07-youth", kind: "FULL", applicantForceCode: "07", respondentId: YOUTH, appliedOn: "2026-10-01" }),
    order({ id: "spo-93-1", kind: "FULL", applicantForceCode: "93", respondentId: "person-93-respondent-1", appliedOn: "2026-10-01" }),
  );
  extra.orders.protectedPersons.push({ orderId: "spo-93-1", personId: BTP_PROTECTED });
  return mergeChunks(seedCasesChunk(), extra);
}

const CHESHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const BTP_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["93"] }, "officer-93");

const APPLY = `mutation Apply($input: ApplyForOrderInput!) {
  applyForOrder(input: $input) {
    id reference kind status appliedOn madeOn applicantForce { code } court { code }
    respondent { id } protectedPersons { id }
    prohibitions { description exclusionArea } requirements { description }
    history { type on court { code } note }
  }
}`;

const GROUNDS = "Followed the victim to work on five occasions since August; messages daily.";
const application = (overrides: Record<string, unknown> = {}) => ({
  applicantForce: "07",
  respondentId: CHESHIRE.respondent,
  protectedPersonIds: [CHESHIRE.protectedPerson],
  courtCode: "B07ED",
  appliedOn: TODAY,
  areaGround: "RESIDES_IN_AREA",
  grounds: GROUNDS,
  prohibitions: [{ description: "Not to contact the protected person", exclusionArea: "Nantwich Road, Crewe" }],
  requirements: [{ description: "Attend a perpetrator assessment" }],
  idempotencyKey: "apply-1",
  ...overrides,
});

describe("applyForOrder", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  /** Everything an application writes, in orders and in the outbox. */
  const state = async () => {
    const db = stack.databases.orders.db;
    return {
      orders: await db.query(`SELECT id FROM stalking_protection_order ORDER BY id`),
      applications: await db.query(`SELECT order_id FROM order_application ORDER BY order_id`),
      terms: await db.query(`SELECT order_id, position FROM order_term ORDER BY 1, 2`),
      events: await db.query(`SELECT order_id, position FROM order_event ORDER BY 1, 2`),
      keys: await db.query(`SELECT idempotency_key FROM idempotent_request ORDER BY 1`),
      outbox: await db.query(`SELECT position FROM event_outbox ORDER BY 1`),
    };
  };

  it("creates the full order APPLIED, with its parties, terms and the grounds as its history note", async () => {
    const { status, body, requestId } = await stack.query(APPLY, { input: application() }, CHESHIRE_OFFICER);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const created = body.data!.applyForOrder;
    expect(created).toEqual({
      id: expect.any(String),
      reference: "SPO/07/2026/0001",
      kind: "FULL",
      status: "APPLIED",
      appliedOn: TODAY,
      madeOn: null,
      applicantForce: { code: "07" },
      court: { code: "B07ED" },
      respondent: { id: CHESHIRE.respondent },
      protectedPersons: [{ id: CHESHIRE.protectedPerson }],
      prohibitions: [{ description: "Not to contact the protected person", exclusionArea: "Nantwich Road, Crewe" }],
      requirements: [{ description: "Attend a perpetrator assessment" }],
      history: [{ type: "APPLIED", on: TODAY, court: { code: "B07ED" }, note: GROUNDS }],
    });

    // The audit record of the change names the order, and keeps the case detail only as keyed hashes.
    const records = (await findAuditRecords(stack.audit.db, { limit: 1000 })).filter((record) => record.requestId === requestId);
    const outcome = records.find((record) => record.kind !== "intent");
    expect(outcome).toMatchObject({ sub: "officer-07", operationName: "Apply", operationType: "mutation" });
    expect(JSON.parse(outcome!.changes)).toEqual([{ field: "applyForOrder", type: "StalkingProtectionOrder", id: created.id }]);
    for (const record of records) {
      for (const secret of [GROUNDS, "Not to contact", "Nantwich Road", "perpetrator assessment"])
        expect(record.variables).not.toContain(secret);
      expect(JSON.parse(record.variables).input).toMatchObject({ applicantForce: "07", appliedOn: TODAY, idempotencyKey: "apply-1" });
    }

    // People learns the parties' roles from the order-facts event.
    await stack.settle();
    const roles = await stack.databases.people.db.query(`SELECT person_id, role FROM person_role WHERE order_id = $1 ORDER BY role`, [
      created.id,
    ]);
    expect(roles).toEqual([
      { person_id: CHESHIRE.protectedPerson, role: "PROTECTED" },
      { person_id: CHESHIRE.respondent, role: "RESPONDENT" },
    ]);
    // Hearings and breaches hold its facts, for the hearings and breaches that will follow.
    for (const name of ["hearings", "breaches"] as const) {
      const copies = await stack.databases[name].db.query(`SELECT id, kind, made_on FROM order_facts WHERE id = $1`, [created.id]);
      expect(copies).toEqual([{ id: created.id, kind: "FULL", made_on: null }]);
    }
  });

  it("answers a replay with the same key with the same order, and refuses the key with another input, changing nothing", async () => {
    const before = await state();
    const first = await stack.query(APPLY, { input: application() }, CHESHIRE_OFFICER);
    const again = await stack.query(APPLY, { input: application() }, CHESHIRE_OFFICER);
    expect(again.body).toEqual(first.body);
    expect(first.body.data!.applyForOrder.reference).toBe("SPO/07/2026/0001");
    const other = await stack.query(APPLY, { input: application({ grounds: "Something else entirely" }) }, CHESHIRE_OFFICER);
    expect(other.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" }]);
    expect(await state()).toEqual(before);
  });

  it("with an interim order sought, creates the interim order: the full application goes on behind it", async () => {
    const { body } = await stack.query(
      APPLY,
      { input: application({ interimSought: true, idempotencyKey: "apply-interim" }) },
      CHESHIRE_OFFICER,
    );
    expect(body.data!.applyForOrder).toMatchObject({ kind: "INTERIM", status: "APPLIED", reference: "SPO/07/2026/0002" });
  });

  it("lets British Transport Police apply about a person anywhere, with no s.1(3) ground", async () => {
    const { body } = await stack.query(
      APPLY,
      {
        input: application({
          applicantForce: "93",
          respondentId: STAFFORDSHIRE.respondent,
          protectedPersonIds: [BTP_PROTECTED],
          courtCode: "B21DA",
          areaGround: null,
          idempotencyKey: "apply-btp",
        }),
      },
      BTP_OFFICER,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.applyForOrder).toMatchObject({ applicantForce: { code: "93" }, respondent: { id: STAFFORDSHIRE.respondent } });
  });

  it("applies about a respondent living elsewhere on a belief, with what it rests on kept in the history note", async () => {
    const reason = "Seen twice outside the victim's home in Crewe this month";
    const { body } = await stack.query(
      APPLY,
      {
        input: application({
          respondentId: STAFFORDSHIRE.respondent,
          areaGround: "BELIEVED_IN_AREA",
          beliefReason: reason,
          idempotencyKey: "apply-belief",
        }),
      },
      CHESHIRE_OFFICER,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.applyForOrder.history).toEqual([
      { type: "APPLIED", on: TODAY, court: { code: "B07ED" }, note: `${GROUNDS}\n\ns.1(3)(b): ${reason}` },
    ]);
  });

  it.each([
    [
      "a respondent outside the force's area, on residence",
      { respondentId: STAFFORDSHIRE.respondent },
      "input.areaGround",
      "the respondent's known home address is in the area of Staffordshire Police, not Cheshire Constabulary",
    ],
    ["no s.1(3) ground", { areaGround: null }, "input.areaGround", "say which"],
    [
      "a belief without what it rests on",
      { respondentId: STAFFORDSHIRE.respondent, areaGround: "BELIEVED_COMING_TO_AREA" },
      "input.beliefReason",
      "at least 10 characters",
    ],
    ["a youth respondent at an adult court", { respondentId: YOUTH }, "input.courtCode", "the application is made to a youth court"],
    ["an adult respondent at a youth court", { courtCode: "B07YC" }, "input.courtCode", "Chester Youth Court hears applications"],
    ["the Crown Court", { courtCode: "C07CH" }, "input.courtCode", "the Crown Court hears appeals"],
    ["an unknown court", { courtCode: "B99XX" }, "input.courtCode", 'unknown court code "B99XX"'],
    ["an unknown respondent", { respondentId: "person-nobody" }, "input.respondentId", 'no person "person-nobody"'],
    [
      "a person protected only by another force's order",
      { protectedPersonIds: [STAFFORDSHIRE.protectedPerson] },
      "input.protectedPersonIds",
      "no person",
    ],
    [
      "the respondent as a protected person",
      { protectedPersonIds: [CHESHIRE.respondent] },
      "input.protectedPersonIds",
      "names the respondent",
    ],
    ["no protected person", { protectedPersonIds: [] }, "input.protectedPersonIds", "at least one"],
    ["no term", { prohibitions: [], requirements: [] }, "input.prohibitions", "at least one prohibition or requirement"],
    [
      "a requirement with an exclusion area",
      { requirements: [{ description: "Attend", exclusionArea: "Crewe" }] },
      "input.requirements[0].exclusionArea",
      "no exclusion area",
    ],
    ["blank grounds", { grounds: "   " }, "input.grounds", "must not be blank"],
    ["grounds too long", { grounds: "x".repeat(4001) }, "input.grounds", "at most 4000 characters"],
    [
      "too many terms",
      { prohibitions: Array.from({ length: 51 }, () => ({ description: "Not to contact her" })), requirements: [] },
      "input.prohibitions",
      "at most 50 terms",
    ],
    ["a day before the Act", { appliedOn: "2020-01-19" }, "input.appliedOn", "in force from 2020-01-20"],
    ["a day in the future", { appliedOn: "2026-11-24" }, "input.appliedOn", "is in the future"],
  ] as const)("refuses %s as BAD_USER_INPUT naming it, changing nothing", async (_case, overrides, argument, says) => {
    const before = await state();
    const { status, body } = await stack.query(
      APPLY,
      { input: application({ ...overrides, idempotencyKey: `refused-${argument}` }) },
      CHESHIRE_OFFICER,
    );
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument }]);
    expect(body.errors![0].message).toContain(says);
    // No grounds in what the caller is told either.
    expect(body.errors![0].message).not.toContain(GROUNDS);
    expect(await state()).toEqual(before);
  });
});
