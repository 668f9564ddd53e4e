import { createHash } from "node:crypto";
import { parse, print } from "graphql";
import { fixedClock } from "../platform/clock";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { findAuditRecords } from "../platform/audit/store";
import { withIdsByEntity } from "./support/audit";
import { forcesInRegion } from "../platform/estate";
import { Region } from "../domain/region";
import type { Principal } from "../platform/identity/principal";
import type { ResponseCacheMetrics } from "../gateway/cache";
import personas from "../schema/personas.json";
import { emptyChunk } from "./support/database";
import { principalFor, tokenFor, type PersonaName } from "./support/identity";
import { hearing } from "./support/rows";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * The gateway's response cache through the whole stack, as an
 * attacker would try it: an answer cached for one caller never reaches a
 * caller whose answer would differ; the audit trail decides about every
 * request as it did without the cache; errors are never cached; the events
 * that change statistics make the next statistics request a miss; persisted
 * queries are authorized and audited for whoever sends the hash.
 */
const TODAY = "2026-11-23";
const STAFFS = SEED_CASE_IDS.staffordshire;
const CHESHIRE = SEED_CASE_IDS.cheshire;
const FULL_HEARING = "cache-full-application-21";
const ANALYST = principalFor("national-analyst", { kind: "national" }, "analyst-1");
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");
const STAFFS_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");

/** The seed cases, plus a full-order application for the Staffordshire interim order listed at Cannock, to decide. */
function fixture() {
  const extra = emptyChunk();
  extra.hearings.hearings.push(
    hearing(FULL_HEARING, "2026-11-20T10:00:00Z", {
      type: "FULL_APPLICATION",
      courtCode: "B21DA",
      forceCode: "21",
      orderId: STAFFS.interimOrder,
      respondentId: STAFFS.respondent,
    }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

/** Every persona of schema/personas.json, in each jurisdiction it can hold, and callers that differ from one in one respect only. */
function everyCaller(): Principal[] {
  const jurisdictions = {
    national: [{ kind: "national" as const }],
    region: [{ kind: "forces" as const, forces: forcesInRegion(Region.NORTH_WEST).map((force) => force.code) }],
    force: [
      { kind: "forces" as const, forces: ["21"] },
      { kind: "forces" as const, forces: ["07"] },
    ],
    courts: [{ kind: "courts" as const, courts: ["B21DA"] }],
  };
  const callers = Object.entries(personas.personas).flatMap(([name, persona]) =>
    jurisdictions[persona.jurisdiction as keyof typeof jurisdictions].map((jurisdiction) =>
      principalFor(name as PersonaName, jurisdiction),
    ),
  );
  return [
    ...callers,
    // The analyst out of national jurisdiction, with stats:read alone, and without it: same persona, other access.
    // (No cacheable answer differs by jurisdiction alone today; the key keeps them apart all the same: cache-key.test.ts.)
    { ...ANALYST, sub: "analyst-07", jurisdiction: { kind: "forces", forces: ["07"] } },
    { ...ANALYST, sub: "analyst-narrow", scopes: ["stats:read"] },
    { ...ANALYST, sub: "analyst-no-stats", scopes: ANALYST.scopes.filter((scope) => scope !== "stats:read") },
    { sub: "no-persona", persona: null, scopes: ["stats:read"], jurisdiction: { kind: "national" }, purpose: "automated test" },
  ];
}

const STATISTICS = `{ spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: FORCE) { scope label interimOrdersMade fullOrdersMade activeOrders breachesReported breachConvictions } }`;
const OPERATIONS: { query: string; variables?: Record<string, unknown> }[] = [
  { query: STATISTICS },
  {
    query: `query Stats($groupBy: StatisticsGrouping!) { spoStatistics(from: "2020-01-01", to: "2020-12-31", groupBy: $groupBy) { scope activeOrders } }`,
    variables: { groupBy: "REGION" },
  },
  { query: `{ forces { code name region } courts { code name alsoKnownAs force { code } } }` },
  { query: `{ courts(force: "07") { code name } }` },
  { query: `{ forces { code } spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: NATIONAL) { scope activeOrders } }` },
];

describe("response cache", () => {
  let cached: TestStack;
  let uncached: TestStack;
  beforeAll(async () => {
    cached = await startTestStack({
      chunks: [fixture()],
      clock: fixedClock(TODAY),
      responseCache: { store: { kind: "memory", maxBytes: 4 * 1024 * 1024 }, ttlSeconds: 300, persistedQueryTtlSeconds: 300 },
    });
    uncached = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(async () => {
    await cached?.stop();
    await uncached?.stop();
  });

  const answer = ({ status, body }: GraphQLHttpResponse) => ({ status, body });
  /** What the request changed in the cache's counts. */
  async function counting<T>(send: () => Promise<T>): Promise<{ result: T; delta: ResponseCacheMetrics }> {
    const before = cached.responseCache.metrics();
    const result = await send();
    const after = cached.responseCache.metrics();
    const delta = Object.fromEntries(
      Object.entries(after).map(([name, value]) => [name, value - before[name as keyof ResponseCacheMetrics]]),
    );
    return { result, delta: delta as unknown as ResponseCacheMetrics };
  }

  it("answers the same statistics request a second time from the cache, asking no subgraph, with the same answer", async () => {
    const first = await counting(() => cached.query(STATISTICS, undefined, DASHBOARD));
    expect(first.result.body.errors).toBeUndefined();
    expect(first.delta).toMatchObject({ hits: 0, misses: 1, stored: 1 });
    cached.resetStatementCounts();
    const second = await counting(() => cached.query(STATISTICS, undefined, { ...DASHBOARD, sub: "another-dashboard-svc" }));
    expect(second.delta).toMatchObject({ hits: 1, misses: 0 });
    expect(second.result.body).toEqual(first.result.body);
    expect(Object.values(cached.subgraphRequests).flat()).toEqual([]);
  });

  it("never hands a caller an answer cached for another whose answer would differ: primed as national callers, asked by every persona in every jurisdiction", async () => {
    const callers = everyCaller();
    const truth = new Map<string, ReturnType<typeof answer>>();
    for (const [index, caller] of callers.entries()) {
      for (const [op, { query, variables }] of OPERATIONS.entries())
        truth.set(`${index}/${op}`, answer(await uncached.query(query, variables, caller)));
    }
    // The widest callers ask first, so whatever they leave in the cache is there when the others ask; then
    // everyone asks again, in the opposite order, so a narrow caller's entry is there for the wide ones too.
    const order = [...callers.keys()].sort(
      (a, b) => Number(callers[b].jurisdiction.kind === "national") - Number(callers[a].jurisdiction.kind === "national"),
    );
    const { delta } = await counting(async () => {
      for (const index of [...order, ...[...order].reverse()]) {
        for (const [op, { query, variables }] of OPERATIONS.entries()) {
          expect({ caller: callers[index].sub, op, ...answer(await cached.query(query, variables, callers[index])) }).toEqual({
            caller: callers[index].sub,
            op,
            ...truth.get(`${index}/${op}`)!,
          });
        }
      }
    });
    // The cache was in play: every caller's second round of estate data at least was a hit.
    expect(delta.hits).toBeGreaterThanOrEqual(callers.length);
  });

  // Every cacheable field is non-null today, so any error nulls the whole answer here; a partial answer (data and
  // errors) is refused too: gateway/cache/__tests__/response-caching-gateway.test.ts.
  it("never stores an answer with an error: a field the caller may not see, bad input", async () => {
    const partial = `{ forces { code } spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: NATIONAL) { scope } }`;
    const { delta, result } = await counting(async () => [
      await cached.query(partial, undefined, STAFFS_OFFICER),
      await cached.query(partial, undefined, STAFFS_OFFICER),
      await cached.query(`{ courts(force: "99") { code } }`, undefined, DASHBOARD),
      await cached.query(`{ courts(force: "99") { code } }`, undefined, DASHBOARD),
    ]);
    expect(result.map((response) => response.body.errors?.[0]?.extensions?.code)).toEqual([
      "UNAUTHORIZED_FIELD_OR_TYPE",
      "UNAUTHORIZED_FIELD_OR_TYPE",
      "BAD_USER_INPUT",
      "BAD_USER_INPUT",
    ]);
    expect(delta).toMatchObject({ hits: 0, stored: 0 });
  });

  describe("the audit trail", () => {
    const auditRecordsOf = async (requestId: string | undefined) =>
      (await findAuditRecords(cached.audit.db, { limit: 100_000 })).filter((record) => record.requestId === requestId).map(withIdsByEntity);

    it("records every consultation of personal data, each time: such operations pass the cache by", async () => {
      const query = `{ order(id: "${CHESHIRE.fullOrder}") { reference } forces { code } }`;
      const { result, delta } = await counting(async () => [
        await cached.query(query, undefined, ANALYST),
        await cached.query(query, undefined, ANALYST),
      ]);
      expect(delta).toMatchObject({ hits: 0, misses: 0, stored: 0, passedThrough: 2 });
      for (const response of result) expect(await auditRecordsOf(response.requestId)).toHaveLength(1);
    });

    it("with the store down, personal data is withheld and statistics are still served, from the cache or not", async () => {
      await cached.query(STATISTICS, undefined, DASHBOARD);
      await cached.audit.db.query(`ALTER TABLE audit_record RENAME TO audit_record_unavailable`);
      try {
        const { result, delta } = await counting(async () => ({
          hit: await cached.query(STATISTICS, undefined, DASHBOARD),
          miss: await cached.query(
            `{ spoStatistics(from: "2021-01-01", to: "2021-12-31", groupBy: NATIONAL) { scope activeOrders } }`,
            undefined,
            DASHBOARD,
          ),
          personal: await cached.query(`{ order(id: "${CHESHIRE.fullOrder}") { reference } }`, undefined, ANALYST),
        }));
        expect(delta).toMatchObject({ hits: 1, misses: 1 });
        expect([result.hit.status, result.miss.status, result.personal.status]).toEqual([200, 200, 503]);
        expect(result.hit.body.data!.spoStatistics.length).toBeGreaterThan(0);
        expect(result.personal.body.data).toBeUndefined();
      } finally {
        await cached.audit.db.query(`ALTER TABLE audit_record_unavailable RENAME TO audit_record`);
      }
    });
  });

  describe("automated persisted queries", () => {
    const persistedOn = async (stack: TestStack, principal: Principal, body: Record<string, unknown>) =>
      stack.post(body, { authorization: `Bearer ${await tokenFor(principal)}` });
    const persisted = (principal: Principal, body: Record<string, unknown>) => persistedOn(cached, principal, body);
    const extensionsFor = (query: string) => ({
      persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") },
    });
    const notFound = (response: GraphQLHttpResponse) => {
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual([{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }]);
    };
    /** Another caller of the analyst's access exactly: another person, another purpose. */
    const ANALYST_PEER = { ...ANALYST, sub: "analyst-2", purpose: "another review" };

    // A store shared by all would tell any caller whether anyone sent an exact document (a search by name, say).
    it.each([
      ["the memory store", () => cached],
      ["no response cache (Apollo's own store replaced)", () => uncached],
    ])("on %s, a hash registered by one caller is found only by callers of the same access", async (_label, stackOf) => {
      const stack = stackOf();
      const query = `query Search${stack === cached ? "A" : "B"}($id: ID!) { person(id: $id) { id name { family } } }`;
      const registered = await persistedOn(stack, ANALYST, {
        query,
        variables: { id: CHESHIRE.respondent },
        extensions: extensionsFor(query),
      });
      expect(registered.status).toBe(200);
      expect(registered.body.errors?.find((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")).toBeUndefined();
      stack.resetStatementCounts();
      // Other access, in each respect: persona (and scopes), jurisdiction, scopes alone.
      for (const other of [
        DASHBOARD,
        STAFFS_OFFICER,
        { ...ANALYST, sub: "analyst-07", jurisdiction: { kind: "forces" as const, forces: ["07"] } },
        { ...ANALYST, sub: "analyst-narrow", scopes: ["stats:read"] },
      ]) {
        notFound(await persistedOn(stack, other, { variables: { id: CHESHIRE.respondent }, extensions: extensionsFor(query) }));
      }
      expect(Object.values(stack.subgraphRequests).flat()).toEqual([]);
      const peer = await persistedOn(stack, ANALYST_PEER, { variables: { id: CHESHIRE.respondent }, extensions: extensionsFor(query) });
      expect(peer.body.errors).toBeUndefined();
      expect(peer.body.data).toEqual(registered.body.data);
    });

    it("a hash registered by a caller of other access is authorized, jurisdiction-filtered and audited for the caller who registers it too", async () => {
      const query = `query Terms($id: ID!) { order(id: $id) { reference prohibitions { description } } }`;
      const registered = await persisted(ANALYST, { query, variables: { id: STAFFS.interimOrder }, extensions: extensionsFor(query) });
      expect(registered.body.data!.order.prohibitions.length).toBeGreaterThan(0);

      notFound(await persisted(STAFFS_OFFICER, { variables: { id: CHESHIRE.fullOrder }, extensions: extensionsFor(query) }));
      const byOfficer = await persisted(STAFFS_OFFICER, { query, variables: { id: CHESHIRE.fullOrder }, extensions: extensionsFor(query) });
      const byHash = await persisted(STAFFS_OFFICER, { variables: { id: CHESHIRE.fullOrder }, extensions: extensionsFor(query) });
      for (const response of [byOfficer, byHash]) {
        expect(response.body.data!.order).toEqual({ reference: expect.any(String), prohibitions: null });
        expect(response.body.errors).toEqual([
          expect.objectContaining({ path: ["order", "prohibitions"], extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" } }),
        ]);
      }
      const [record] = await auditRecordsFor(byHash.requestId);
      expect(record).toMatchObject({
        sub: "officer-21",
        // The trail keeps the document printed (docs/audit-trail.md).
        document: print(parse(query)),
        variables: JSON.stringify({ id: CHESHIRE.fullOrder }),
        orders: [CHESHIRE.fullOrder],
      });

      // A caller without the scope gets nothing of it, registered by itself or not.
      notFound(await persisted(DASHBOARD, { variables: { id: CHESHIRE.fullOrder }, extensions: extensionsFor(query) }));
      const dashboard = await persisted(DASHBOARD, { query, variables: { id: CHESHIRE.fullOrder }, extensions: extensionsFor(query) });
      expect(dashboard.body.data).toBeNull();
      expect(dashboard.body.errors?.[0]?.extensions?.code).toBe("UNAUTHORIZED_FIELD_OR_TYPE");
    });

    it("an unknown hash is PERSISTED_QUERY_NOT_FOUND, a hash that does not match its query is refused, and no subgraph is asked", async () => {
      cached.resetStatementCounts();
      const unknown = await persisted(ANALYST, { extensions: extensionsFor(`{ forces { code name } __typename }`) });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      const mismatched = await persisted(ANALYST, { query: `{ forces { code } }`, extensions: extensionsFor(`{ courts { code } }`) });
      expect(mismatched.status).toBe(400);
      expect(mismatched.body.data).toBeUndefined();
      expect(Object.values(cached.subgraphRequests).flat()).toEqual([]);
    });

    async function auditRecordsFor(requestId: string | undefined) {
      return (await findAuditRecords(cached.audit.db, { limit: 100_000 }))
        .filter((record) => record.requestId === requestId)
        .map(withIdsByEntity);
    }
  });

  describe("invalidation", () => {
    const forceRow = async (force: string) => {
      const { body } = await cached.query(STATISTICS, undefined, DASHBOARD);
      expect(body.errors).toBeUndefined();
      return body.data!.spoStatistics.find((row: { scope: string }) => row.scope === force);
    };

    it("a breach reported through the gateway is counted by the next statistics request", async () => {
      const before = await forceRow("21");
      expect((await counting(() => forceRow("21"))).delta).toMatchObject({ hits: 1 });
      const reported = await cached.query(
        `mutation { reportBreach(input: { orderId: "${STAFFS.interimOrder}", offenceType: BREACH_OF_ORDER, occurredOn: "2026-11-21",
            description: "Seen outside the exclusion zone", idempotencyKey: "cache-breach-1" }) { status } }`,
        undefined,
        STAFFS_OFFICER,
      );
      expect(reported.body.errors).toBeUndefined();
      await cached.settle();
      const { result, delta } = await counting(() => forceRow("21"));
      expect(delta).toMatchObject({ hits: 0, misses: 1 });
      expect(result).toEqual({ ...before, breachesReported: before.breachesReported + 1 });
    });

    it("an order made by a court decision is counted once its event is applied, though the statistics were cached after the decision and before the event", async () => {
      // Hold the decision's event back from the subgraphs whose statistics it changes.
      await cached.events.orders.stopConsumers();
      await cached.events.breaches.stopConsumers();
      let restarted = false;
      try {
        const decided = await cached.query(
          `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { decision } }`,
          {
            input: {
              hearingId: FULL_HEARING,
              status: "HEARD",
              decision: "FULL_ORDER_MADE",
              expiresOn: "2028-11-20",
              outcomeNote: "Full order made",
              idempotencyKey: FULL_HEARING,
            },
          },
          CANNOCK_LISTING,
        );
        expect(decided.body.errors).toBeUndefined();
        // Statistics read now (a miss: the mutation bumped the generation) are cached without the new order...
        const stale = await counting(() => forceRow("21"));
        expect(stale.delta).toMatchObject({ misses: 1, stored: 1 });
        expect((await counting(() => forceRow("21"))).delta).toMatchObject({ hits: 1 });

        // ...until the event is applied: then the next request is a miss and counts the order.
        cached.events.orders.startConsumers();
        cached.events.breaches.startConsumers();
        restarted = true;
        await cached.settle();
        const fresh = await counting(() => forceRow("21"));
        expect(fresh.delta).toMatchObject({ hits: 0, misses: 1 });
        expect(fresh.result).toEqual({ ...stale.result, fullOrdersMade: stale.result.fullOrdersMade + 1 });
      } finally {
        if (!restarted) {
          cached.events.orders.startConsumers();
          cached.events.breaches.startConsumers();
        }
      }
    });

    // After the test above: the full order its decision made is the one corrected away here.
    it("a full order made in error and corrected to a refusal is no longer counted, nor shown as made, in any subgraph once the correction's events are applied", async () => {
      const cachedBefore = await forceRow("21");
      const amended = await cached.query(
        `mutation($input: AmendHearingOutcomeInput!) { amendHearingOutcome(input: $input) { decision outcomeHistory { decision } } }`,
        {
          input: {
            hearingId: FULL_HEARING,
            status: "HEARD",
            decision: "APPLICATION_REFUSED",
            outcomeNote: "Full order refused",
            reason: "the bench refused the full order; the clerk resulted the wrong application",
            idempotencyKey: `${FULL_HEARING}-corrected`,
          },
        },
        CANNOCK_LISTING,
      );
      expect(amended.body).toEqual({
        data: { amendHearingOutcome: { decision: "APPLICATION_REFUSED", outcomeHistory: [{ decision: "FULL_ORDER_MADE" }] } },
      });
      await cached.settle();

      const fresh = await counting(() => forceRow("21"));
      expect(fresh.delta).toMatchObject({ hits: 0, misses: 1 });
      // The full order is no longer made nor in force; the interim order it superseded ended that day all the same (refused).
      expect(fresh.result).toEqual({
        ...cachedBefore,
        fullOrdersMade: cachedBefore.fullOrdersMade - 1,
        activeOrders: cachedBefore.activeOrders - 1,
      });

      const { body } = await cached.query(
        `query($id: ID!) { order(id: $id) { status history { type correctedOn } hearings { decision outcomeHistory { decision correctionReason } } } }`,
        { id: STAFFS.interimOrder },
        STAFFS_OFFICER,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.order.status).toBe("REFUSED");
      expect(body.data!.order.history.slice(-2)).toEqual([
        { type: "SUPERSEDED", correctedOn: TODAY },
        { type: "REFUSED", correctedOn: null },
      ]);
      expect(body.data!.order.hearings).toContainEqual({
        decision: "APPLICATION_REFUSED",
        outcomeHistory: [
          { decision: "FULL_ORDER_MADE", correctionReason: "the bench refused the full order; the clerk resulted the wrong application" },
        ],
      });
      const made = await cached.databases.orders.db.query<{ id: string }>(
        `SELECT id FROM stalking_protection_order WHERE supersedes_id = $1`,
        [STAFFS.interimOrder],
      );
      const full = await cached.query(
        `query($id: ID!) { order(id: $id) { status madeOn history { type correctedOn } } }`,
        { id: made[0].id },
        STAFFS_OFFICER,
      );
      expect(full.body.data!.order).toEqual({
        status: "SET_ASIDE",
        madeOn: null,
        history: [
          { type: "APPLIED", correctedOn: null },
          { type: "MADE", correctedOn: TODAY },
        ],
      });
    });
  });
});
