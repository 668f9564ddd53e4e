import { fixedClock } from "../platform/clock";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { forcesInRegion } from "../platform/estate";
import { Region } from "../domain/region";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { breach, hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The three user journeys, each through the gateway with the
 * personas that use it: cross-force intelligence (an officer finds a person
 * and sees their orders in every force), court listing (a court system reads
 * its list and records outcomes), national reporting (a dashboard reads
 * statistics that follow what was recorded).
 */
const TODAY = "2026-11-23";
const STAFFORDSHIRE = SEED_CASE_IDS.staffordshire;
const STAFFORDSHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const CHESHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");

/**
 * The seed cases, plus: the Staffordshire respondent also under a full order
 * of Cheshire (made in 2025 at Crewe, until further order, protecting another
 * woman), with a breach of it awaiting trial at Crewe on 16 November 2026 and
 * a discharge hearing listed on 17 November 2026.
 */
function fixture() {
  const extra = emptyChunk();
  extra.orders.orders.push(
    order({
      id: "cheshire-against-21",
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      respondentId: STAFFORDSHIRE.respondent,
      reference: "SPO/07/2025/0100",
      madeOn: "2025-03-03",
      untilFurtherOrder: true,
    }),
  );
  extra.orders.protectedPersons.push({ orderId: "cheshire-against-21", personId: "person-07-protected-2" });
  extra.orders.terms.push({
    orderId: "cheshire-against-21",
    category: "PROHIBITION",
    position: 0,
    description: "Not to enter Crewe",
    exclusionArea: "Crewe",
  });
  extra.breaches.breaches.push(
    breach("breach-crewe", "07", "2026-09-01", {
      orderId: "cheshire-against-21",
      orderForceCode: "07",
      offenderId: STAFFORDSHIRE.respondent,
      occurredOn: "2026-08-30",
      status: "CHARGED",
    }),
  );
  extra.hearings.hearings.push(
    hearing("trial-crewe", "2026-11-16T10:00:00Z", {
      type: "BREACH_TRIAL",
      orderId: "cheshire-against-21",
      breachId: "breach-crewe",
      respondentId: STAFFORDSHIRE.respondent,
    }),
    hearing("discharge-crewe", "2026-11-17T10:00:00Z", {
      type: "DISCHARGE",
      orderId: "cheshire-against-21",
      respondentId: STAFFORDSHIRE.respondent,
      courtroom: "2",
    }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

describe("user journeys through the gateway", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  describe("cross-force intelligence", () => {
    const FIND = `query($pnc: String!) { searchPeople(search: { pncId: $pnc }) {
      id spoStatus
      stalkingProtectionOrders { reference kind status applicantForce { code name } prohibitions { description } protectedPersons { id } }
    } }`;

    it("an officer of one force finds a person by short PNC ID and sees the active order another force holds, but not its terms or whom it protects", async () => {
      const pnc = await stack.query(`query($id: ID!) { person(id: $id) { pncId } }`, { id: STAFFORDSHIRE.respondent });
      const shortForm = pnc.body.data!.person.pncId.slice(2); // "2003/0271828X" → "03/0271828X"
      const { body, requestId } = await stack.query(FIND, { pnc: shortForm }, STAFFORDSHIRE_OFFICER);

      const [person] = body.data!.searchPeople;
      expect(person.spoStatus).toBe("ACTIVE_FULL");
      expect(person.stalkingProtectionOrders).toEqual([
        {
          reference: "SPO/07/2025/0100",
          kind: "FULL",
          status: "IN_FORCE",
          applicantForce: { code: "07", name: "Cheshire Constabulary" },
          prohibitions: null,
          protectedPersons: null,
        },
        {
          reference: "SPO/21/2020/0001",
          kind: "INTERIM",
          status: "IN_FORCE",
          applicantForce: { code: "21", name: "Staffordshire Police" },
          prohibitions: [{ description: expect.stringMatching(/contact/) }],
          protectedPersons: [{ id: STAFFORDSHIRE.protectedPerson }],
        },
      ]);
      const refusals = body.errors!.map((error) => [error.path!.filter((part) => typeof part === "string").join("."), error.extensions]);
      expect(refusals).toEqual([
        ["searchPeople.stalkingProtectionOrders.prohibitions", { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }],
        ["searchPeople.stalkingProtectionOrders.protectedPersons", { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }],
      ]);
      // One statement each for the person's orders in every force, their terms and their protected persons:
      // no per-force fan-out, however many forces hold orders against the person.
      expect(stack.statementsOf(requestId!).orders).toBe(3);
    });

    it("the officer of the force holding the order sees its terms and whom it protects", async () => {
      const { body } = await stack.query(
        `query($id: ID!) { person(id: $id) { stalkingProtectionOrders { reference prohibitions { exclusionArea } protectedPersons { id } } } }`,
        { id: STAFFORDSHIRE.respondent },
        CHESHIRE_OFFICER,
      );
      expect(body.data!.person.stalkingProtectionOrders[0]).toEqual({
        reference: "SPO/07/2025/0100",
        prohibitions: [{ exclusionArea: "Crewe" }],
        protectedPersons: [{ id: "person-07-protected-2" }],
      });
    });
  });

  describe("court listing integration", () => {
    it("Crewe reads its list of 16 November 2026 in listing order, with respondent names; Cannock's list is empty to it", async () => {
      const list = (court: string) =>
        stack.query(
          `query($court: ID!) { courtList(courtCode: $court, date: "2026-11-16") { caseNumber type status order { reference } respondent { name { family } } } }`,
          { court },
          CREWE_LISTING,
        );
      const crewe = await list("B07ED");
      expect(crewe.body).toEqual({
        data: {
          courtList: [
            {
              caseNumber: "CASE-trial-crewe",
              type: "BREACH_TRIAL",
              status: "LISTED",
              order: { reference: "SPO/07/2025/0100" },
              respondent: { name: { family: "Exampleton" } },
            },
          ],
        },
      });
      expect((await list("B21DA")).body).toEqual({ data: { courtList: [] } });
    });
  });

  describe("national reporting, following what was recorded", () => {
    const STATISTICS = `query($groupBy: StatisticsGrouping!) {
      spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: $groupBy) { scope fullOrdersMade activeOrders breachesReported breachConvictions }
    }`;
    const rows = async (groupBy: string) => {
      const { body } = await stack.query(STATISTICS, { groupBy }, DASHBOARD);
      expect(body.errors).toBeUndefined();
      return Object.fromEntries(body.data!.spoStatistics.map(({ scope, ...counts }: { scope: string }) => [scope, counts]));
    };

    it("counts a breach reported today, a conviction and a discharge recorded at Crewe, in the force, its region and the nation alike", async () => {
      const before = await rows("FORCE");
      // The charged breach of September is the year's only one so far.
      expect(before["07"]).toEqual({ fullOrdersMade: 0, activeOrders: 1, breachesReported: 1, breachConvictions: 0 });

      const reported = await stack.query(
        `mutation { reportBreach(input: { orderId: "cheshire-against-21", offenceType: BREACH_OF_ORDER, occurredOn: "2026-11-21",
            description: "Seen in Crewe town centre", idempotencyKey: "nov-21" }) { status } }`,
        undefined,
        CHESHIRE_OFFICER,
      );
      expect(reported.body.errors).toBeUndefined();
      for (const [hearingId, decision] of [
        ["trial-crewe", "CONVICTED"],
        ["discharge-crewe", "ORDER_DISCHARGED"],
      ]) {
        const { body } = await stack.query(
          `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { decision } }`,
          { input: { hearingId, status: "HEARD", decision, outcomeNote: "Decided at Crewe", idempotencyKey: hearingId } },
          CREWE_LISTING,
        );
        expect(body.errors).toBeUndefined();
      }
      await stack.settle();

      const after = { force: await rows("FORCE"), region: await rows("REGION"), nation: await rows("NATIONAL") };
      const cheshireNow = { fullOrdersMade: 0, activeOrders: 0, breachesReported: 2, breachConvictions: 1 };
      expect(after.force["07"]).toEqual(cheshireNow);
      expect(after.region.NORTH_WEST).toEqual(cheshireNow);
      expect(after.nation.NATIONAL).toEqual({ ...cheshireNow, activeOrders: 1 }); // Staffordshire's interim remains in force
      const northWestForces = forcesInRegion(Region.NORTH_WEST).map((force) => force.code);
      const summed = northWestForces.reduce((total, code) => total + after.force[code].breachesReported, 0);
      expect(summed).toBe(after.region.NORTH_WEST.breachesReported);
    });
  });
});
