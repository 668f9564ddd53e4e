import { randomUUID } from "node:crypto";
import type { GraphQLSchema } from "graphql";
import personas from "../schema/personas.json";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { fixedClock } from "../platform/clock";
import { formatPncId } from "../domain/pnc";
import type { Principal } from "../platform/identity/principal";
import { forcesInRegion } from "../platform/estate";
import { emptyChunk } from "./support/database";
import { EVERY_SCOPE_NATIONAL, principalFor } from "./support/identity";
import { composedApiSchema, readEverythingInParts } from "./support/read-everything";
import { breach, hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The taint test: personal facts are planted with unique markers — typed into
 * every free-text input of every mutation, and as a victim's name — then
 * every persona, in and out of jurisdiction, reads every field of the API by
 * every path (generated from the composed schema, so new fields are read
 * too). A marker may come back only to a caller who may see the field it was
 * typed into; wherever else it was copied, it must not reach anyone else.
 */
const TODAY = "2026-11-23";
const CREWE = "B07ED";
const VICTIM = {
  id: "taint-victim",
  familyName: `Zqx${randomUUID().slice(0, 8)}`,
  pncId: formatPncId(2011, 1357911),
  dateOfBirth: "1990-06-15",
};
const RESPONDENT = { id: "taint-respondent", pncId: formatPncId(2009, 2468024) };
const ORDER = "taint-order";

const MARKERS = {
  breachDescription: `TAINT-DESCRIPTION-${randomUUID()}`,
  sentencingNote: `TAINT-SENTENCE-${randomUUID()}`,
  dischargeNote: `TAINT-DISCHARGE-${randomUUID()}`,
  applicationGrounds: `TAINT-GROUNDS-${randomUUID()}`,
  beliefReason: `TAINT-BELIEF-${randomUUID()}`,
  proposedTerm: `TAINT-TERM-${randomUUID()}`,
  exclusionArea: `TAINT-AREA-${randomUUID()}`,
};

/**
 * A Cheshire full order made at Crewe against a respondent, protecting a
 * victim whose family name is a marker; a charged breach of it to be
 * sentenced at Crewe, and a discharge application listed there.
 */
function fixture() {
  const extra = emptyChunk();
  extra.people.persons.push(
    { id: RESPONDENT.id, forceCode: "07", pncId: RESPONDENT.pncId, givenName: "Rex", familyName: "Taintley", dateOfBirth: "1984-02-02" },
    {
      id: VICTIM.id,
      forceCode: "07",
      pncId: VICTIM.pncId,
      givenName: "Vera",
      familyName: VICTIM.familyName,
      dateOfBirth: VICTIM.dateOfBirth,
    },
  );
  extra.orders.orders.push(
    order({
      id: ORDER,
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: CREWE,
      respondentId: RESPONDENT.id,
      madeOn: "2025-03-03",
      untilFurtherOrder: true,
    }),
  );
  extra.orders.protectedPersons.push({ orderId: ORDER, personId: VICTIM.id });
  extra.breaches.breaches.push(
    breach("taint-charged", "07", "2026-09-01", {
      orderId: ORDER,
      orderForceCode: "07",
      offenderId: RESPONDENT.id,
      occurredOn: "2026-08-30",
      status: "CHARGED",
    }),
  );
  extra.hearings.hearings.push(
    hearing("taint-sentencing", "2026-11-16T10:00:00Z", {
      type: "BREACH_SENTENCE",
      orderId: ORDER,
      breachId: "taint-charged",
      respondentId: RESPONDENT.id,
    }),
    hearing("taint-discharge", "2026-11-17T10:00:00Z", { type: "DISCHARGE", orderId: ORDER, respondentId: RESPONDENT.id, courtroom: "2" }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

interface Caller {
  label: string;
  principal: Principal;
}

const forcesOf = (region: string) => forcesInRegion(region as never).map((force) => force.code);
const CALLERS: Caller[] = [
  { label: "a national caller holding every scope", principal: EVERY_SCOPE_NATIONAL },
  { label: "national-analyst", principal: principalFor("national-analyst", { kind: "national" }) },
  {
    label: "regional-officer (North West)",
    principal: principalFor("regional-officer", { kind: "forces", forces: forcesOf("NORTH_WEST") }),
  },
  {
    label: "regional-officer (West Midlands)",
    principal: principalFor("regional-officer", { kind: "forces", forces: forcesOf("WEST_MIDLANDS") }),
  },
  { label: "force-officer (07)", principal: principalFor("force-officer", { kind: "forces", forces: ["07"] }) },
  { label: "force-officer (21)", principal: principalFor("force-officer", { kind: "forces", forces: ["21"] }) },
  { label: "court-listing (Crewe)", principal: principalFor("court-listing", { kind: "courts", courts: [CREWE] }) },
  { label: "court-listing (Cannock)", principal: principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }) },
  { label: "reporting-dashboard", principal: principalFor("reporting-dashboard", { kind: "national" }) },
  { label: "auditor", principal: principalFor("auditor", { kind: "national" }) },
];

/**
 * Who may see each planted fact, stated from the access rules independently of
 * the code: the origin field's scopes, and coverage of the record it was typed
 * into (the Cheshire order, its breach, hearings at Crewe).
 */
function mayRead(principal: Principal, marker: keyof typeof MARKERS | "victimName"): boolean {
  const has = (...scopes: string[]) => scopes.every((scope) => principal.scopes.includes(scope));
  const { jurisdiction } = principal;
  const coversCheshire = jurisdiction.kind === "national" || (jurisdiction.kind === "forces" && jurisdiction.forces.includes("07"));
  // Crewe is a Cheshire court: Cheshire's officers cover its hearings, as does Crewe's own listing system.
  const coversCrewe = coversCheshire || (jurisdiction.kind === "courts" && jurisdiction.courts.includes(CREWE));
  switch (marker) {
    case "breachDescription":
      return has("breach:read", "spo:terms") && coversCheshire;
    case "sentencingNote":
    case "dischargeNote":
      return has("hearing:read", "spo:terms") && coversCrewe;
    case "victimName":
      return has("person:read", "person:protected") && coversCheshire;
    // An application by Cheshire to Crewe: its history note and terms are the new order's detail.
    case "applicationGrounds":
    case "beliefReason":
    case "proposedTerm":
    case "exclusionArea":
      return has("spo:read", "spo:terms") && coversCrewe;
  }
}

describe("confidentiality: planted facts reach only callers who may see where they were typed", () => {
  let stack: TestStack;
  let schema: GraphQLSchema;
  let reportedBreachId: string;
  let appliedOrderId: string;

  beforeAll(async () => {
    schema = await composedApiSchema();
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
    const cheshireOfficer = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "taint-officer-07");
    const creweListing = principalFor("court-listing", { kind: "courts", courts: [CREWE] }, "taint-crewe-listing");
    const reported = await stack.query(
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`,
      {
        input: {
          orderId: ORDER,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: "2026-11-20",
          description: MARKERS.breachDescription,
          idempotencyKey: "taint-report",
        },
      },
      cheshireOfficer,
    );
    expect(reported.body.errors).toBeUndefined();
    reportedBreachId = reported.body.data!.reportBreach.id;
    for (const [hearingId, decision, outcomeNote] of [
      ["taint-sentencing", "CONVICTED", MARKERS.sentencingNote],
      ["taint-discharge", "ORDER_DISCHARGED", MARKERS.dischargeNote],
    ]) {
      const { body } = await stack.query(
        `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id } }`,
        { input: { hearingId, status: "HEARD", decision, outcomeNote, idempotencyKey: `taint-${hearingId}` } },
        creweListing,
      );
      expect(body.errors).toBeUndefined();
    }
    const applied = await stack.query(
      `mutation($input: ApplyForOrderInput!) { applyForOrder(input: $input) { id } }`,
      {
        input: {
          applicantForce: "07",
          respondentId: RESPONDENT.id,
          protectedPersonIds: [VICTIM.id],
          courtCode: CREWE,
          appliedOn: TODAY,
          areaGround: "BELIEVED_IN_AREA",
          beliefReason: MARKERS.beliefReason,
          grounds: MARKERS.applicationGrounds,
          prohibitions: [{ description: MARKERS.proposedTerm, exclusionArea: MARKERS.exclusionArea }],
          idempotencyKey: "taint-apply",
        },
      },
      cheshireOfficer,
    );
    expect(applied.body.errors).toBeUndefined();
    appliedOrderId = applied.body.data!.applyForOrder.id;
    // Every copy the events make (breach sentence, order history, the application's parties) is in place before anyone reads.
    await stack.settle();
  });
  afterAll(() => stack?.stop());

  /** Every root an attacker could start from, with the arguments that reach the planted records. */
  function operations(): string[] {
    const read = (root: string, args: string, depth = 4) => readEverythingInParts(schema, root, args, depth);
    return [
      read("order", `id: "${ORDER}"`),
      read("order", `id: "${appliedOrderId}"`),
      read("orders", `first: 20, filter: { forces: ["07"] }`, 3),
      read("person", `id: "${RESPONDENT.id}"`),
      read("person", `id: "${VICTIM.id}"`),
      read("searchPeople", `search: { pncId: "${VICTIM.pncId}" }`),
      read("searchPeople", `search: { familyName: "${VICTIM.familyName}", dateOfBirth: "${VICTIM.dateOfBirth}" }`),
      read("searchPeople", `search: { pncId: "${RESPONDENT.pncId}" }`),
      read("courtList", `courtCode: "${CREWE}", date: "2026-11-16"`),
      read("courtList", `courtCode: "${CREWE}", date: "2026-11-17"`),
      read("hearing", `id: "taint-sentencing"`),
      read("hearing", `id: "taint-discharge"`),
      read("breachOffence", `id: "taint-charged"`),
      read("breachOffence", `id: "${reportedBreachId}"`),
      read("spoStatistics", `from: "2026-11-01", to: "2026-11-30", groupBy: FORCE`),
    ].flat();
  }

  it("the operations reach every planted fact: a caller holding every scope nationally reads each one", async () => {
    const text = await readAll(EVERY_SCOPE_NATIONAL);
    for (const marker of [...Object.values(MARKERS), VICTIM.familyName]) expect(text).toContain(marker);
  });

  it.each(CALLERS.map((caller) => [caller.label, caller] as const))(
    "%s reads exactly the planted facts it may see",
    async (_label, { principal }) => {
      const text = await readAll(principal);
      const found = Object.entries({ ...MARKERS, victimName: VICTIM.familyName })
        .filter(([, marker]) => text.includes(marker))
        .map(([name]) => name)
        .sort();
      const allowed = ([...(Object.keys(MARKERS) as (keyof typeof MARKERS)[]), "victimName"] as const)
        .filter((name) => mayRead(principal, name))
        .sort();
      expect(found).toEqual(allowed);
    },
  );

  it("the victim's PNC ID and name reach only the callers who may see the victim", async () => {
    for (const { principal } of CALLERS) {
      const text = await readAll(principal);
      expect([text.includes(VICTIM.pncId), text.includes(VICTIM.familyName)]).toEqual([
        mayRead(principal, "victimName"),
        mayRead(principal, "victimName"),
      ]);
    }
  });

  it("every persona of schema/personas.json is among the callers", () => {
    expect(new Set(CALLERS.map((caller) => caller.principal.persona).filter(Boolean))).toEqual(new Set(Object.keys(personas.personas)));
  });

  const responses = new Map<Principal, Promise<string>>();
  /** Every operation's whole HTTP response body as `principal`, concatenated (each caller's reads are made once). */
  function readAll(principal: Principal): Promise<string> {
    let text = responses.get(principal);
    if (!text) {
      text = (async () => {
        const bodies: string[] = [];
        for (const query of operations()) {
          const { status, body } = await stack.query(query, {}, principal);
          expect(status).toBe(200);
          bodies.push(JSON.stringify(body));
        }
        return bodies.join("\n");
      })();
      responses.set(principal, text);
    }
    return text;
  }
});
