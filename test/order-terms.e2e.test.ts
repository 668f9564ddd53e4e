import { fixedClock } from "../platform/clock";
import { mergeChunks } from "../dev/dataset/chunk";
import { SEED_CASE_IDS, seedCasesChunk } from "../dev/dataset/seed-cases";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Terms decision by decision through the gateway (Stalking Protection Act 2019 s.2, s.4): an order of the dataset
 * (its terms made by the decision that made it) varied by a later decision that varies one term, removes another
 * and makes a third with a period of its own; terms(inForceOn:) and each term's history on days before and after;
 * a full order made on an interim order's application with terms of its own; a breach naming the terms it is of,
 * refused (changing nothing) for a term not in force that day; and every refusal of terms naming input.terms.
 */
const TODAY = "2026-11-23";
const ORDER = "spo-07-terms";
const VARIATION = "variation-crewe";
const ADJOURNMENT = "review-crewe";
const REMOVED = `${ORDER}/p1`;
const VARIED = `${ORDER}/p0`;
const STAFFORDSHIRE = SEED_CASE_IDS.staffordshire;

function fixture() {
  const extra = emptyChunk();
  extra.orders.orders.push(
    order({
      id: ORDER,
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      respondentId: SEED_CASE_IDS.cheshire.respondent,
      reference: "SPO/07/2025/0200",
      madeOn: "2025-03-03",
      untilFurtherOrder: true,
    }),
  );
  extra.orders.protectedPersons.push({ orderId: ORDER, personId: SEED_CASE_IDS.cheshire.protectedPerson });
  extra.orders.terms.push(
    { orderId: ORDER, category: "PROHIBITION", position: 0, description: "Not to contact the protected person", exclusionArea: null },
    { orderId: ORDER, category: "PROHIBITION", position: 1, description: "Not to enter Crewe", exclusionArea: "Crewe" },
  );
  extra.hearings.hearings.push(
    hearing(VARIATION, "2026-11-10T10:00:00Z", { type: "VARIATION", orderId: ORDER, respondentId: SEED_CASE_IDS.cheshire.respondent }),
    hearing(ADJOURNMENT, "2026-11-12T10:00:00Z", { type: "REVIEW", orderId: ORDER, respondentId: SEED_CASE_IDS.cheshire.respondent }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");
const CHESHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const STAFFORDSHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");

const RECORD = `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id status decision } }`;
const TERMS = `query($id: ID!, $day: Date) { order(id: $id) {
  terms(inForceOn: $day) { id type category description exclusionArea until madeOn
    history { action hearingId effectiveFrom effectiveTo category description exclusionArea until } }
} }`;
const REPORT = `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id termsBreached } }`;

const VARIATION_TERMS = [
  { action: "VARY", termId: VARIED, category: "CONTACT", description: "Not to contact the protected person or her family" },
  { action: "REMOVE", termId: REMOVED },
  {
    action: "MAKE",
    type: "PROHIBITION",
    category: "ONLINE",
    description: "Not to post about the protected person online",
    until: "2027-06-01",
  },
];

describe("terms decision by decision", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  const state = async () => ({
    hearings: await stack.databases.hearings.db.query(`SELECT id, status, decision FROM court_hearing ORDER BY id`),
    outbox: await stack.databases.hearings.db.query(`SELECT count(*)::int AS n FROM event_outbox`),
    decisions: await stack.databases.orders.db.query(`SELECT order_id, hearing_id FROM order_term_decision ORDER BY 1, 2`),
    breaches: await stack.databases.breaches.db.query(`SELECT id FROM breach_offence ORDER BY id`),
    termsBreached: await stack.databases.breaches.db.query(`SELECT breach_id, term_id FROM breach_term_breached ORDER BY 1, 2`),
  });
  const termsOn = async (day: string | null, id = ORDER, caller = CHESHIRE_OFFICER) => {
    const { body } = await stack.query(TERMS, { id, day }, caller);
    expect(body.errors).toBeUndefined();
    return body.data!.order.terms as { id: string; description: string; history: Record<string, unknown>[] }[];
  };

  it.each([
    [
      "terms on a decision that makes no order (an adjournment)",
      { hearingId: ADJOURNMENT, status: "ADJOURNED", decision: "ADJOURNED", terms: [{ action: "REMOVE", termId: VARIED }] },
      "sets no terms",
    ],
    [
      "a variation of a term the order does not have",
      {
        hearingId: VARIATION,
        status: "HEARD",
        decision: "ORDER_VARIED",
        terms: [{ action: "VARY", termId: "term-nowhere", description: "x" }],
      },
      "term-nowhere is not in force",
    ],
    [
      "removing every term (a discharge, not a variation)",
      {
        hearingId: VARIATION,
        status: "HEARD",
        decision: "ORDER_VARIED",
        terms: [
          { action: "REMOVE", termId: VARIED },
          { action: "REMOVE", termId: REMOVED },
        ],
      },
      "no term in force",
    ],
    [
      "a category of requirements on a prohibition",
      {
        hearingId: VARIATION,
        status: "HEARD",
        decision: "ORDER_VARIED",
        terms: [{ action: "MAKE", type: "PROHIBITION", category: "REQUIREMENT_PROGRAMME", description: "Not to attend" }],
      },
      "REQUIREMENT_PROGRAMME is a category of requirements",
    ],
  ])("refuses %s as BAD_USER_INPUT naming input.terms, changing nothing", async (_case, input, says) => {
    const before = await state();
    const { body } = await stack.query(RECORD, { input: { ...input, idempotencyKey: `refused-${_case}` } }, CREWE_LISTING);
    expect(body.data).toBeNull();
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.terms" }]);
    expect(body.errors![0].message).toContain(says);
    await stack.settle();
    expect(await state()).toEqual(before);
  });

  it("refuses a term made with an id of its own, naming the field", async () => {
    const terms = [{ action: "MAKE", termId: "mine", type: "PROHIBITION", category: "CONTACT", description: "Not to contact" }];
    const input = { hearingId: VARIATION, status: "HEARD", decision: "ORDER_VARIED", terms, idempotencyKey: "own-id" };
    const { body } = await stack.query(RECORD, { input }, CREWE_LISTING);
    expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.terms[0].termId" }]);
  });

  it("before any decision, the dataset's terms are those made by the decision that made the order, category OTHER", async () => {
    const terms = await termsOn("2025-03-03");
    expect(terms.map((term) => [term.id, term.description])).toEqual([
      [VARIED, "Not to contact the protected person"],
      [REMOVED, "Not to enter Crewe"],
    ]);
    expect(terms[0]).toMatchObject({ type: "PROHIBITION", category: "OTHER", madeOn: "2025-03-03", until: null });
    expect(terms[0].history).toEqual([
      expect.objectContaining({ action: "MAKE", hearingId: null, effectiveFrom: "2025-03-03", effectiveTo: null }),
    ]);
    expect(await termsOn("2025-03-02")).toEqual([]);
  });

  describe("after a variation that varies one term, removes another and makes a third", () => {
    let made: string;
    beforeAll(async () => {
      const input = {
        hearingId: VARIATION,
        status: "HEARD",
        decision: "ORDER_VARIED",
        terms: VARIATION_TERMS,
        idempotencyKey: "vary-terms",
      };
      const { body } = await stack.query(RECORD, { input }, CREWE_LISTING);
      expect(body.errors).toBeUndefined();
      await stack.settle();
      made = (await termsOn("2026-11-10")).find((term) => term.description.includes("online"))!.id;
    });

    it("answers the day before the decision as it stood, and the day of it and after with the changes", async () => {
      expect((await termsOn("2026-11-09")).map((term) => [term.id, term.description])).toEqual([
        [VARIED, "Not to contact the protected person"],
        [REMOVED, "Not to enter Crewe"],
      ]);
      const after = await termsOn("2026-11-10");
      expect(after.map((term) => [term.id, term.description])).toEqual([
        [VARIED, "Not to contact the protected person or her family"],
        [made, "Not to post about the protected person online"],
      ]);
      expect(after[1]).toMatchObject({ category: "ONLINE", until: "2027-06-01", madeOn: "2026-11-10" });
      expect(after[0].history).toEqual([
        {
          action: "MAKE",
          hearingId: null,
          effectiveFrom: "2025-03-03",
          effectiveTo: "2026-11-10",
          category: "OTHER",
          description: "Not to contact the protected person",
          exclusionArea: null,
          until: null,
        },
        {
          action: "VARY",
          hearingId: VARIATION,
          effectiveFrom: "2026-11-10",
          effectiveTo: null,
          category: "CONTACT",
          description: "Not to contact the protected person or her family",
          exclusionArea: null,
          until: null,
        },
      ]);
      // Its own period ends: on that day the term is no longer in force.
      expect((await termsOn("2027-06-01")).map((term) => term.id)).toEqual([VARIED]);
      // Default today; prohibitions (the contract's field) are the terms as they stand today.
      expect((await termsOn(null)).map((term) => term.id)).toEqual([VARIED, made]);
      const { body } = await stack.query(
        `query($id: ID!) { order(id: $id) { prohibitions { description } requirements { description } } }`,
        { id: ORDER },
        CHESHIRE_OFFICER,
      );
      expect(body.data!.order).toEqual({
        prohibitions: [
          { description: "Not to contact the protected person or her family" },
          { description: "Not to post about the protected person online" },
        ],
        requirements: [],
      });
    });

    it("guards the terms and their history like the prohibitions: another force's officer gets OUT_OF_JURISDICTION", async () => {
      const { body } = await stack.query(TERMS, { id: ORDER, day: "2026-11-10" }, STAFFORDSHIRE_OFFICER);
      expect(body.data!.order.terms).toBeNull();
      expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
    });

    it("records a breach of the terms in force on the day it occurred, and reads them back", async () => {
      const input = {
        orderId: ORDER,
        offenceType: "BREACH_OF_ORDER",
        occurredOn: "2026-11-15",
        description: "Posted about her on social media",
        termsBreached: [made],
        idempotencyKey: "breach-online",
      };
      const { body } = await stack.query(REPORT, { input }, CHESHIRE_OFFICER);
      expect(body.errors).toBeUndefined();
      expect(body.data!.reportBreach.termsBreached).toEqual([made]);
      const earlier = { ...input, occurredOn: "2026-11-05", termsBreached: [REMOVED], idempotencyKey: "breach-crewe" };
      const accepted = await stack.query(REPORT, { input: earlier }, CHESHIRE_OFFICER);
      expect(accepted.body.data!.reportBreach.termsBreached).toEqual([REMOVED]);
    });

    it.each([
      ["a term removed before the day", "2026-11-15", [REMOVED], `not in force on 2026-11-15: ${REMOVED}`],
      ["a term made after the day", "2026-11-05", ["made"], "not in force on 2026-11-05"],
      ["a term of no order", "2026-11-15", ["term-nowhere"], "term-nowhere"],
    ])(
      "refuses a breach of %s as BAD_USER_INPUT naming input.termsBreached, changing nothing",
      async (_case, occurredOn, termIds, says) => {
        const before = await state();
        const input = {
          orderId: ORDER,
          offenceType: "BREACH_OF_ORDER",
          occurredOn,
          description: "Seen in Crewe",
          termsBreached: termIds.map((id) => (id === "made" ? made : id)),
          idempotencyKey: `refused-breach-${_case}`,
        };
        const { body } = await stack.query(REPORT, { input }, CHESHIRE_OFFICER);
        expect(body.data).toBeNull();
        expect(body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.termsBreached" }]);
        expect(body.errors![0].message).toContain(says);
        expect(await state()).toEqual(before);
      },
    );
  });

  it("a full order made on an interim order's application with terms of its own has those, made by that decision", async () => {
    const terms = [
      { action: "MAKE", type: "PROHIBITION", category: "CONTACT", description: "Not to contact her by any means" },
      { action: "MAKE", type: "REQUIREMENT", category: "REQUIREMENT_ASSESSMENT", description: "To attend a perpetrator assessment" },
    ];
    const input = {
      hearingId: STAFFORDSHIRE.fullApplicationHearing,
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      untilFurtherOrder: true,
      terms,
      idempotencyKey: "full-with-terms",
    };
    const { body } = await stack.query(RECORD, { input }, CANNOCK_LISTING);
    expect(body.errors).toBeUndefined();
    await stack.settle();
    const [full] = await stack.databases.orders.db.query<{ id: string }>(
      `SELECT id FROM stalking_protection_order WHERE supersedes_id = $1`,
      [STAFFORDSHIRE.interimOrder],
    );
    const made = await termsOn("2020-05-14", full.id, STAFFORDSHIRE_OFFICER);
    expect(
      made.map((term) => [term.description, term.history.map((version) => [version.action, version.hearingId, version.effectiveFrom])]),
    ).toEqual([
      ["Not to contact her by any means", [["MAKE", STAFFORDSHIRE.fullApplicationHearing, "2020-05-14"]]],
      ["To attend a perpetrator assessment", [["MAKE", STAFFORDSHIRE.fullApplicationHearing, "2020-05-14"]]],
    ]);
    // The interim order's own terms are its own: in force until it was superseded, none after.
    expect((await termsOn("2020-05-13", STAFFORDSHIRE.interimOrder, STAFFORDSHIRE_OFFICER)).map((term) => term.description)).toEqual([
      "Not to contact the protected person, directly or indirectly, by any means",
    ]);
    expect(await termsOn("2020-05-14", STAFFORDSHIRE.interimOrder, STAFFORDSHIRE_OFFICER)).toEqual([]);
  });
});
