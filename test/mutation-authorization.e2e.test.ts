import personas from "../schema/personas.json";
import { fixedClock } from "../platform/clock";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { emptyChunk } from "./support/database";
import { callersFor, CHESHIRE, STAFFORDSHIRE, type Caller, type SeedCaseProbe } from "./support/access-spec";
import { principalFor } from "./support/identity";
import { hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Who may write (docs/design.md, Access model): recording or correcting an outcome needs hearing:write and
 * the hearing's court (a hearing at another court does not exist for the
 * caller); reporting a breach needs breach:write and the order's force;
 * applying for an order or recording its service needs spo:write and the
 * applicant force; transferring its management spo:write and the managing or
 * the receiving force. Every
 * persona × every mutation × in and out of jurisdiction, each refusal leaving
 * the data as it was.
 */
const TODAY = "2026-11-23";

/** A review hearing of each seed case on a day its order was in force, that any number of adjournments can be recorded for. */
const REVIEW = { [CHESHIRE.name]: "review-cheshire", [STAFFORDSHIRE.name]: "review-staffordshire" };
/** A review hearing of each seed case already adjourned, whose outcome's note any number of corrections can change. */
const ADJOURNED_REVIEW = { [CHESHIRE.name]: "adjourned-review-cheshire", [STAFFORDSHIRE.name]: "adjourned-review-staffordshire" };
/** A day each seed case's order was in force, for a breach of it. */
const IN_FORCE_ON = { [CHESHIRE.name]: "2024-06-03", [STAFFORDSHIRE.name]: "2026-11-20" };

function fixture() {
  const reviews = emptyChunk();
  reviews.hearings.hearings.push(
    hearing(REVIEW[CHESHIRE.name], "2024-06-03T10:00:00+01:00", {
      type: "REVIEW",
      orderId: CHESHIRE.orderId,
      courtCode: CHESHIRE.courtCode,
    }),
    hearing(REVIEW[STAFFORDSHIRE.name], "2026-11-02T10:00:00Z", {
      type: "REVIEW",
      orderId: STAFFORDSHIRE.orderId,
      courtCode: STAFFORDSHIRE.courtCode,
      forceCode: "21",
    }),
  );
  for (const probe of [CHESHIRE, STAFFORDSHIRE]) {
    reviews.hearings.hearings.push(
      hearing(ADJOURNED_REVIEW[probe.name], "2024-06-04T10:00:00+01:00", {
        type: "REVIEW",
        orderId: probe.orderId,
        courtCode: probe.courtCode,
        forceCode: probe.forceCode,
        status: "ADJOURNED",
        decision: "ADJOURNED",
      }),
    );
  }
  // An order of each seed case's force, made and not yet served, for each caller to record its service.
  for (const [probe, other] of [
    [CHESHIRE, STAFFORDSHIRE],
    [STAFFORDSHIRE, CHESHIRE],
  ]) {
    for (const caller of callersFor(probe, other)) {
      reviews.orders.orders.push(
        order({
          id: unservedOrder(probe, caller),
          kind: "FULL",
          applicantForceCode: probe.forceCode,
          respondentId: probe.respondentId,
          madeOn: "2026-11-02",
          expiresOn: "2028-11-02",
        }),
      );
    }
  }
  // An order of each seed case's force for each caller and receiving force, for each caller to transfer its management.
  // A variation hearing of each seed case's order per caller, for each to record a decision with terms.
  for (const [probe, other] of [
    [CHESHIRE, STAFFORDSHIRE],
    [STAFFORDSHIRE, CHESHIRE],
  ]) {
    for (const caller of callersFor(probe, other)) {
      for (const toForce of [other.forceCode, THIRD_FORCE]) {
        reviews.orders.orders.push(
          order({
            id: movingOrder(probe, caller, toForce),
            kind: "FULL",
            applicantForceCode: probe.forceCode,
            respondentId: probe.respondentId,
            madeOn: "2026-11-02",
            expiresOn: "2028-11-02",
          }),
        );
      }
      reviews.hearings.hearings.push(
        hearing(variationHearing(probe, caller), `${IN_FORCE_ON[probe.name]}T10:00:00Z`, {
          type: "VARIATION",
          orderId: probe.orderId,
          courtCode: probe.courtCode,
          forceCode: probe.forceCode,
        }),
      );
    }
  }
  return mergeChunks(seedCasesChunk(), reviews);
}

const variationHearing = (probe: SeedCaseProbe, caller: Caller) => `vary-${probe.forceCode}-${caller.label}`;

const unservedOrder = (probe: SeedCaseProbe, caller: Caller) => `unserved-${probe.forceCode}-${caller.label}`;
/** A force of neither seed case's region (the Metropolitan Police): a transfer to it is in no other caller's jurisdiction. */
const THIRD_FORCE = "01";
const movingOrder = (probe: SeedCaseProbe, caller: Caller, toForce: string) => `moving-${probe.forceCode}-to-${toForce}-${caller.label}`;
/** Whether a caller covers a force: national, or the force among its forces (court callers cover no force's records). */
const coversForceCode = (caller: Caller, forceCode: string) =>
  caller.jurisdiction.kind === "national" || (caller.jurisdiction.kind === "forces" && caller.jurisdiction.forces.includes(forceCode));

type Expected = { kind: "done" } | { kind: "unauthorized" } | { kind: "refused"; code: string; detail: string };

/** The spec, from the personas file and the caller's coverage only. */
function expectedFor(caller: Caller, scope: "hearing:write" | "breach:write" | "spo:write"): Expected {
  if (!personas.personas[caller.persona].scopes.includes(scope)) return { kind: "unauthorized" };
  if (scope === "hearing:write") {
    return caller.covers ? { kind: "done" } : { kind: "refused", code: "BAD_USER_INPUT", detail: "input.hearingId" };
  }
  // Court callers cover no force's records.
  return caller.covers && caller.jurisdiction.kind !== "courts"
    ? { kind: "done" }
    : { kind: "refused", code: "FORBIDDEN", detail: "OUT_OF_JURISDICTION" };
}

describe.each([
  [CHESHIRE.name, CHESHIRE, STAFFORDSHIRE],
  [STAFFORDSHIRE.name, STAFFORDSHIRE, CHESHIRE],
])("mutation authorization: %s", (_name, probe: SeedCaseProbe, other: SeedCaseProbe) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  const counts = async () => ({
    outcomes: (await stack.databases.hearings.db.query(`SELECT 1 FROM idempotent_request`)).length,
    breaches: (await stack.databases.breaches.db.query(`SELECT 1 FROM breach_offence`)).length,
    orders: (await stack.databases.orders.db.query(`SELECT 1 FROM stalking_protection_order`)).length,
    served: (await stack.databases.orders.db.query(`SELECT 1 FROM stalking_protection_order WHERE served_on IS NOT NULL`)).length,
    applications: (await stack.databases.orders.db.query(`SELECT 1 FROM idempotent_request`)).length,
    transfers: (await stack.databases.orders.db.query(`SELECT 1 FROM order_management_transfer`)).length,
    termDecisions: (await stack.databases.orders.db.query(`SELECT 1 FROM order_term_decision`)).length,
    termsBreached: (await stack.databases.breaches.db.query(`SELECT 1 FROM breach_term_breached`)).length,
    amendments: (await stack.databases.hearings.db.query(`SELECT 1 FROM hearing_outcome_amendment`)).length,
  });

  const callers = callersFor(probe, other).map((caller) => [caller.label, caller] as const);

  it.each(callers)("%s: recordHearingOutcome", async (label, caller) => {
    const before = await counts();
    const { status, body } = await stack.query(
      `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id status } }`,
      { input: { hearingId: REVIEW[probe.name], status: "ADJOURNED", decision: "ADJOURNED", idempotencyKey: `adjourn-${label}` } },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "hearing:write");
    if (expected.kind === "done") {
      expect(body).toEqual({ data: { recordHearingOutcome: { id: REVIEW[probe.name], status: "ADJOURNED" } } });
      expect((await counts()).outcomes).toBe(before.outcomes + 1);
      return;
    }
    expect(body.data).toBeNull();
    const extensions = body.errors!.map((error) => error.extensions);
    expect(extensions).toEqual(
      expected.kind === "unauthorized"
        ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }]
        : [{ code: expected.code, [expected.code === "FORBIDDEN" ? "reason" : "argument"]: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  it.each(callers)("%s: amendHearingOutcome", async (label, caller) => {
    const before = await counts();
    const { status, body } = await stack.query(
      `mutation($input: AmendHearingOutcomeInput!) { amendHearingOutcome(input: $input) { id status } }`,
      {
        input: {
          hearingId: ADJOURNED_REVIEW[probe.name],
          status: "ADJOURNED",
          decision: "ADJOURNED",
          outcomeNote: `Adjourned for reports (corrected by ${label}).`,
          reason: "the note recorded was of another case",
          idempotencyKey: `amend-${label}`,
        },
      },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "hearing:write");
    if (expected.kind === "done") {
      expect(body).toEqual({ data: { amendHearingOutcome: { id: ADJOURNED_REVIEW[probe.name], status: "ADJOURNED" } } });
      expect((await counts()).amendments).toBe(before.amendments + 1);
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized"
        ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }]
        : [{ code: expected.code, [expected.code === "FORBIDDEN" ? "reason" : "argument"]: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  it.each(callers)("%s: reportBreach", async (label, caller) => {
    const before = await counts();
    const { status, body } = await stack.query(
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { offenceCode reportingForce { code } } }`,
      {
        input: {
          orderId: probe.orderId,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: IN_FORCE_ON[probe.name],
          description: "Contacted the protected person",
          idempotencyKey: `breach-${label}`,
        },
      },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "breach:write");
    if (expected.kind === "done") {
      expect(body).toEqual({ data: { reportBreach: { offenceCode: "ST19001", reportingForce: { code: probe.forceCode } } } });
      expect((await counts()).breaches).toBe(before.breaches + 1);
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized" ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }] : [{ code: expected.code, reason: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  it.each(callers)("%s: applyForOrder", async (label, caller) => {
    const before = await counts();
    const { status, body } = await stack.query(
      `mutation($input: ApplyForOrderInput!) { applyForOrder(input: $input) { status applicantForce { code } respondent { id } } }`,
      {
        input: {
          applicantForce: probe.forceCode,
          respondentId: probe.respondentId,
          protectedPersonIds: [probe.protectedPersonId],
          courtCode: probe.courtCode,
          appliedOn: TODAY,
          areaGround: "RESIDES_IN_AREA",
          grounds: "Repeated unwanted contact since the last order",
          prohibitions: [{ description: "Not to contact the protected person" }],
          idempotencyKey: `apply-${label}`,
        },
      },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "spo:write");
    if (expected.kind === "done") {
      expect(body).toEqual({
        data: { applyForOrder: { status: "APPLIED", applicantForce: { code: probe.forceCode }, respondent: { id: probe.respondentId } } },
      });
      expect(await counts()).toEqual({ ...before, orders: before.orders + 1, applications: before.applications + 1 });
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized" ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }] : [{ code: expected.code, reason: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  it.each(callers)("%s: recordService", async (label, caller) => {
    const before = await counts();
    const orderId = unservedOrder(probe, caller);
    const { status, body } = await stack.query(
      `mutation($input: RecordServiceInput!) { recordService(input: $input) { id servedOn } }`,
      { input: { orderId, servedOn: "2026-11-03", idempotencyKey: `serve-${label}` } },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "spo:write");
    if (expected.kind === "done") {
      expect(body).toEqual({ data: { recordService: { id: orderId, servedOn: "2026-11-03" } } });
      expect(await counts()).toEqual({ ...before, served: before.served + 1, applications: before.applications + 1 });
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized" ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }] : [{ code: expected.code, reason: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  // The managing force hands the order on, or the receiving force takes it up: a caller covering the receiving
  // force is in jurisdiction for this mutation; a transfer to a force neither covers is out of it.
  describe.each([
    ["to the other seed case's force", other.forceCode],
    ["to a force of neither region", THIRD_FORCE],
  ])("transferManagement %s", (_to, toForce) => {
    it.each(callers)("%s", async (label, caller) => {
      const before = await counts();
      const orderId = movingOrder(probe, caller, toForce);
      const { status, body } = await stack.query(
        `mutation($input: TransferManagementInput!) { transferManagement(input: $input) { id managingForce { code } } }`,
        { input: { orderId, toForce, transferredOn: "2026-11-20", idempotencyKey: `transfer-${toForce}-${label}` } },
        principalFor(caller.persona, caller.jurisdiction, label),
      );
      expect(status).toBe(200);
      const expected = expectedFor(
        { ...caller, covers: caller.covers || (toForce === other.forceCode && coversForceCode(caller, toForce)) },
        "spo:write",
      );
      if (expected.kind === "done") {
        expect(body).toEqual({ data: { transferManagement: { id: orderId, managingForce: { code: toForce } } } });
        expect(await counts()).toEqual({ ...before, transfers: before.transfers + 1, applications: before.applications + 1 });
        return;
      }
      expect(body.data).toBeNull();
      expect(body.errors!.map((error) => error.extensions)).toEqual(
        expected.kind === "unauthorized" ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }] : [{ code: expected.code, reason: expected.detail }],
      );
      expect(await counts()).toEqual(before);
    });
  });

  // Terms per decision: the same rules of who may write, with terms on the decision and on the breach.
  it.each(callers)("%s: recordHearingOutcome with terms", async (label, caller) => {
    const before = await counts();
    const hearingId = variationHearing(probe, caller);
    const terms = [{ action: "MAKE", type: "PROHIBITION", category: "ONLINE", description: "Not to post about the protected person" }];
    const { status, body } = await stack.query(
      `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id decision } }`,
      { input: { hearingId, status: "HEARD", decision: "ORDER_VARIED", terms, idempotencyKey: `vary-${label}` } },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    await stack.settle();
    const expected = expectedFor(caller, "hearing:write");
    if (expected.kind === "done") {
      expect(body).toEqual({ data: { recordHearingOutcome: { id: hearingId, decision: "ORDER_VARIED" } } });
      expect(await counts()).toEqual({ ...before, outcomes: before.outcomes + 1, termDecisions: before.termDecisions + 1 });
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized"
        ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }]
        : [{ code: expected.code, [expected.code === "FORBIDDEN" ? "reason" : "argument"]: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });

  it.each(callers)("%s: reportBreach with termsBreached", async (label, caller) => {
    const before = await counts();
    const termId = `${probe.orderId}/p0`;
    const { status, body } = await stack.query(
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { termsBreached } }`,
      {
        input: {
          orderId: probe.orderId,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: IN_FORCE_ON[probe.name],
          description: "Contacted the protected person",
          termsBreached: [termId],
          idempotencyKey: `breach-terms-${label}`,
        },
      },
      principalFor(caller.persona, caller.jurisdiction, label),
    );
    expect(status).toBe(200);
    const expected = expectedFor(caller, "breach:write");
    if (expected.kind === "done") {
      // A caller that may report the breach reads the terms it named only with spo:terms (every such persona has it).
      expect(body).toEqual({ data: { reportBreach: { termsBreached: [termId] } } });
      expect(await counts()).toEqual({ ...before, breaches: before.breaches + 1, termsBreached: before.termsBreached + 1 });
      return;
    }
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual(
      expected.kind === "unauthorized" ? [{ code: "UNAUTHORIZED_FIELD_OR_TYPE" }] : [{ code: expected.code, reason: expected.detail }],
    );
    expect(await counts()).toEqual(before);
  });
});
