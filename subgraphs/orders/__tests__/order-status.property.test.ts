import fc from "fast-check";
import { fixedClock } from "../../../platform/clock";
import { insertChunks, openTestDatabase, emptyChunk, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { createTestSubgraphServer } from "../../../test/support/identity";
import { deriveOrderStatus } from "../order/order-status";
import { ordersSubgraph } from "../subgraph";

const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

/** Facts an order can have: made or not, with an expiry or until further order, ended or not. */
const facts = fc.record({
  madeOn: fc.option(day, { nil: null }),
  expiresOn: fc.option(day, { nil: null }),
  untilFurtherOrder: fc.boolean(),
  ended: fc.option(fc.record({ on: day, reason: fc.constantFrom("DISCHARGED", "SUPERSEDED", "REFUSED", "WITHDRAWN" as const) }), { nil: null }),
}).map((f) => ({
  madeOn: f.madeOn,
  expiresOn: f.untilFurtherOrder ? null : f.expiresOn,
  untilFurtherOrder: f.untilFurtherOrder,
  endedOn: f.ended?.on ?? null,
  endReason: f.ended?.reason ?? null,
}));

describe("order status rule", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
  });
  afterAll(() => database.dispose());

  it("gives the same status in SQL (status filter) as in TypeScript (status field) for any facts and day", async () => {
    const cases = fc.sample(fc.tuple(facts, day), { numRuns: 300, seed: 20201 });
    const chunk = emptyChunk();
    cases.forEach(([f], i) =>
      chunk.orders.orders.push({
        id: `o${i}`, reference: `R${i}`, kind: "FULL", applicantForceCode: "07", courtCode: null, respondentId: "r",
        appliedOn: "2019-12-01", servedOn: null, supersedesId: null, ...f,
      }),
    );
    await insertChunks(database.db, ordersSubgraph, [chunk]);
    for (const [index, [orderFacts, asOf]] of cases.entries()) {
      const expected = deriveOrderStatus(orderFacts, asOf);
      const server = await createTestSubgraphServer(ordersSubgraph, database.db, fixedClock(asOf));
      const matching: string[] = [];
      let after: string | null = null;
      do {
        const { data }: ExecutionResult<Record<string, any>> = await executeOnSubgraph(
          server,
          `query($s: [OrderStatus!], $after: String) { orders(first: 200, after: $after, filter: { statuses: $s }) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { s: [expected], after },
        );
        matching.push(...data!.orders.nodes.map((node: { id: string }) => node.id));
        after = data!.orders.pageInfo.hasNextPage ? data!.orders.pageInfo.endCursor : null;
      } while (after);
      expect(matching).toContain(`o${index}`);
    }
  });
});
