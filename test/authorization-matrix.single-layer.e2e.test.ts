import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import type { Principal } from "../platform/identity/principal";
import { callersFor, CHESHIRE, STAFFORDSHIRE } from "./support/access-spec";
import { matrixDepartures } from "./support/authorization-matrix";
import { EVERY_SCOPE_NATIONAL, principalFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";
import { assertionHeaders, postGraphQL } from "./support/subgraph-over-http";

/**
 * Access is enforced twice: by the gateway's authorization filter (before
 * planning) and by every subgraph's own scope guard (on the principal the
 * gateway asserts). Through both layers the matrix cannot tell which one
 * refused, so here it runs through each layer alone, with the other switched
 * off by a test-only option (platform/test-only.ts: refused in production):
 * each layer must, by itself, give every persona exactly what the access model
 * allows. Jurisdiction (FORBIDDEN, records hidden from other courts) has one
 * layer only, the subgraphs' jurisdiction tables, and stays on in both runs.
 *
 * Without the gateway's filter the operation still goes through the gateway's
 * planner (the probe spans subgraphs), but every field reaches the subgraphs
 * as asked, with each persona's assertion: the subgraphs' guards alone refuse.
 */
const ORDER_TERMS = `{ order(id: "${CHESHIRE.orderId}") { prohibitions { description } } }`;
const NO_SCOPES: Principal = { ...EVERY_SCOPE_NATIONAL, sub: "no-scopes", scopes: [] };
const STATISTICS_ONLY = principalFor("reporting-dashboard", { kind: "national" });

describe.each([
  ["the gateway's filter alone (subgraph guards off)", "subgraph-guard"],
  ["the subgraphs' guards alone (no gateway filter)", "gateway-filter"],
] as const)("authorization matrix through %s", (_layer, withoutLayer) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22"), withoutLayer });
  });
  afterAll(() => stack?.stop());

  if (withoutLayer === "subgraph-guard") {
    it("really has the subgraphs' guards off: a subgraph called directly with no scopes answers a guarded field", async () => {
      const { status, body } = await postGraphQL(
        stack.subgraphUrls.orders,
        { query: ORDER_TERMS },
        await assertionHeaders(NO_SCOPES, "orders"),
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.order?.prohibitions?.length).toBeGreaterThan(0);
    });
  } else {
    it("really has the gateway's filter off: a field the caller lacks the scope for reaches the subgraph, which refuses it", async () => {
      stack.resetStatementCounts();
      const { body } = await stack.query(ORDER_TERMS, {}, STATISTICS_ONLY);
      expect(stack.subgraphRequests.orders.some((request) => request.includes("prohibitions"))).toBe(true);
      expect(body.data?.order ?? null).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ["order"], extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } })]);
    });
  }

  describe.each([
    [CHESHIRE.name, CHESHIRE, STAFFORDSHIRE],
    [STAFFORDSHIRE.name, STAFFORDSHIRE, CHESHIRE],
  ])("%s", (_name, probe, other) => {
    it.each(callersFor(probe, other).map((caller) => [caller.label, caller] as const))(
      "%s gets exactly what the access model allows",
      async (_label, caller) => {
        expect(await matrixDepartures(stack, probe, caller)).toEqual([]);
      },
    );
  });
});
