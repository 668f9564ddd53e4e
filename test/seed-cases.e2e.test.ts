import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS, SEED_CASE_REFERENCES } from "../dev/dataset/seed-cases";
import { startTestStack, type TestStack } from "./support/stack";

/** The two real cases of docs/seed-cases.md, asked through the gateway over HTTP. */
const ORDER_FIELDS = `
  id reference kind status madeOn expiresOn untilFurtherOrder
  applicantForce { code name region }
  court { code name }
  respondent { name { given family } dateOfBirth notifiedAddresses { address } spoStatus }
  protectedPersons { id }
  prohibitions { description exclusionArea }
  requirements { description }
  supersedes { reference kind status }
  history { type on court { code } }
  hearings { type status decision court { code } }
  breaches { id }`;

function ageOn(dateOfBirth: string, day: string): number {
  const age = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? age - 1 : age;
}

describe("the seed cases through the gateway", () => {
  let today: TestStack;
  let in2024: TestStack;

  beforeAll(async () => {
    today = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
    in2024 = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2024-01-01") });
  });
  afterAll(async () => {
    await today?.stop();
    await in2024?.stop();
  });

  it("Staffordshire: the force's first interim SPO, made at Cannock in February 2020, in force today with no expiry", async () => {
    const { status, body } = await today.query(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, {
      id: SEED_CASE_IDS.staffordshire.interimOrder,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const order = body.data!.order;
    expect(order).toMatchObject({
      reference: SEED_CASE_REFERENCES.staffordshireInterim,
      kind: "INTERIM",
      status: "IN_FORCE",
      expiresOn: null,
      untilFurtherOrder: false,
      applicantForce: { code: "21", name: "Staffordshire Police", region: "WEST_MIDLANDS" },
      court: { code: "B21DA", name: "Cannock Magistrates' Court" },
      supersedes: null,
      breaches: [],
    });
    expect(order.madeOn).toMatch(/^2020-02-/);
    expect(ageOn(order.respondent.dateOfBirth, order.madeOn)).toBe(36);
    expect(order.respondent.notifiedAddresses.map((a: { address: string }) => a.address).join()).toMatch(/Lichfield/);
    expect(order.respondent.spoStatus).toBe("ACTIVE_INTERIM");
    expect(order.protectedPersons).toEqual([{ id: SEED_CASE_IDS.staffordshire.protectedPerson }]);
    expect(order.prohibitions).toHaveLength(1);
    expect(order.prohibitions[0].description).toMatch(/contact/i);
    expect(order.requirements).toEqual([]);
    expect(order.history.map((e: { type: string }) => e.type)).toEqual(["APPLIED", "MADE", "SERVED"]);
    // The full application has not been determined: no hearing decided it.
    expect(order.hearings.map((h: { decision: string | null }) => h.decision)).not.toContain("FULL_ORDER_MADE");
    expect(order.hearings[0]).toMatchObject({
      type: "INTERIM_APPLICATION",
      status: "HEARD",
      decision: "INTERIM_ORDER_MADE",
      court: { code: "B21DA" },
    });
  });

  it("Cheshire: the full order of 13 August 2020 at Crewe supersedes the interim, runs five years, and is expired today", async () => {
    const { body } = await today.query(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: SEED_CASE_IDS.cheshire.fullOrder });
    expect(body.errors).toBeUndefined();
    const order = body.data!.order;
    expect(order).toMatchObject({
      reference: SEED_CASE_REFERENCES.cheshireFull,
      kind: "FULL",
      status: "EXPIRED",
      madeOn: "2020-08-13",
      expiresOn: "2025-08-13",
      untilFurtherOrder: false,
      applicantForce: { code: "07", name: "Cheshire Constabulary", region: "NORTH_WEST" },
      court: { code: "B07ED", name: "Crewe (South Cheshire) Magistrates' Court" },
      supersedes: { reference: SEED_CASE_REFERENCES.cheshireInterim, kind: "INTERIM", status: "SUPERSEDED" },
    });
    expect(order.respondent.notifiedAddresses.map((a: { address: string }) => a.address).join()).toMatch(/Runcorn/);
    expect(order.respondent.spoStatus).toBe("ENDED");
    expect(order.prohibitions).toHaveLength(3);
    expect(order.prohibitions[0].description).toMatch(/contact/i);
    expect(order.prohibitions[1].description).toMatch(/family/i);
    expect(order.prohibitions[2].exclusionArea).toEqual(expect.any(String));
    expect(order.requirements).toHaveLength(2);
    expect(order.requirements[0].description).toMatch(/device/i);
    expect(order.requirements[1].description).toMatch(/password/i);
    expect(order.history.at(-1)).toEqual({ type: "EXPIRED", on: "2025-08-13", court: null });
    expect(order.hearings.at(-1)).toMatchObject({ type: "FULL_APPLICATION", decision: "FULL_ORDER_MADE", court: { code: "B07ED" } });
  });

  it("Cheshire: the interim was made in March 2020, reviewed and extended in July, and superseded on 13 August 2020", async () => {
    const { body } = await today.query(`query($id: ID!) { order(id: $id) { madeOn status history { type on } } }`, {
      id: SEED_CASE_IDS.cheshire.interimOrder,
    });
    const interim = body.data!.order;
    expect(interim.madeOn).toMatch(/^2020-03-/);
    expect(interim.status).toBe("SUPERSEDED");
    const types = interim.history.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(["MADE", "REVIEWED", "EXTENDED", "SUPERSEDED"]));
    expect(interim.history.find((e: { type: string }) => e.type === "REVIEWED").on).toMatch(/^2020-07-/);
    expect(interim.history.find((e: { type: string }) => e.type === "SUPERSEDED").on).toBe("2020-08-13");
  });

  it("Cheshire: the same full order was in force on 1 January 2024", async () => {
    const { body } = await in2024.query(`query($id: ID!) { order(id: $id) { status respondent { spoStatus } } }`, {
      id: SEED_CASE_IDS.cheshire.fullOrder,
    });
    expect(body.data!.order).toEqual({ status: "IN_FORCE", respondent: { spoStatus: "ACTIVE_FULL" } });
  });

  it("finds both respondents by PNC ID with their SPO status across forces", async () => {
    const { body: found } = await today.query(`{ searchPeople(search: { familyName: "Exampleton", dateOfBirth: "1983-07-14" }) { id } }`);
    expect(found.data!.searchPeople).toContainEqual({ id: SEED_CASE_IDS.staffordshire.respondent });
    const { body: person } = await today.query(
      `query($id: ID!) { person(id: $id) { pncId stalkingProtectionOrders { reference applicantForce { code } status } } }`,
      {
        id: SEED_CASE_IDS.cheshire.respondent,
      },
    );
    const { body: byPnc } = await today.query(`query($p: String) { searchPeople(search: { pncId: $p }) { id spoStatus } }`, {
      p: person.data!.person.pncId,
    });
    expect(byPnc.data!.searchPeople).toEqual([{ id: SEED_CASE_IDS.cheshire.respondent, spoStatus: "ENDED" }]);
    expect(person.data!.person.stalkingProtectionOrders).toEqual([
      { reference: SEED_CASE_REFERENCES.cheshireFull, applicantForce: { code: "07" }, status: "EXPIRED" },
      { reference: SEED_CASE_REFERENCES.cheshireInterim, applicantForce: { code: "07" }, status: "SUPERSEDED" },
    ]);
  });

  it("shows the Cheshire full order hearing on the Crewe court list of 13 August 2020", async () => {
    const { body } = await today.query(
      `{ courtList(courtCode: "B07ED", date: "2020-08-13") { type decision listedFor order { reference } respondent { name { family } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.courtList).toContainEqual(
      expect.objectContaining({
        type: "FULL_APPLICATION",
        decision: "FULL_ORDER_MADE",
        order: { reference: SEED_CASE_REFERENCES.cheshireFull },
      }),
    );
    expect(body.data!.courtList[0].listedFor).toMatch(/^2020-08-13T\d\d:\d\d:00\+01:00$/);
  });
});
