import fc from "fast-check";
import { addDays } from "../../../platform/dates";
import { termsInForceOn, withoutText } from "../../../domain/terms";
import { acceptedHistory, candidateDecision, START } from "../../../domain/__tests__/support/term-histories";
import { openTestDatabase, insertChunks, emptyChunk, type TestDatabase } from "../../../test/support/database";
import { ordersSubgraph } from "../subgraph";
import { OrderTermsRepository } from "../order/order-terms.repository";
import { order } from "./orders.fixture";

/**
 * Through the database: decisions recorded one by one in order_term_decision (as the consumer of hearing outcomes
 * records them) and read back give, on every day, the terms the domain's fold gives for the same decisions; and the
 * copy without text that hearings and breaches keep names the same terms in force, with the same periods.
 */
describe("order terms recorded decision by decision", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
  });
  afterAll(() => database?.dispose());

  it("are, on every day, the fold of the decisions up to that day", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(candidateDecision, fc.array(candidateDecision, { maxLength: 6 }), async (first, rest) => {
        fc.pre(first.changes.length > 0);
        const history = acceptedHistory(first, rest);
        const orderId = `terms-${run++}`;
        const chunk = emptyChunk();
        chunk.orders.orders.push(order({ id: orderId, kind: "FULL", applicantForceCode: "07", madeOn: START, untilFurtherOrder: true }));
        await insertChunks(database.db, ordersSubgraph, [chunk]);
        const repository = new OrderTermsRepository(database.db);
        for (const decision of history) if (decision.changes.length > 0) await repository.record(orderId, decision);
        const [held] = await repository.decisionsOf([orderId]);
        const last = history[history.length - 1].decidedOn;
        for (let day = addDays(START, -1); day <= addDays(last, 61); day = addDays(day, 1)) {
          const expected = termsInForceOn(history, day);
          expect(termsInForceOn(held.decisions, day)).toEqual(expected);
          const periods = (terms: typeof expected) => terms.map(({ termId, type, category, until }) => ({ termId, type, category, until }));
          expect(periods(termsInForceOn(withoutText(held.decisions), day))).toEqual(periods(expected));
        }
      }),
      { numRuns: 40 },
    );
  });
});
