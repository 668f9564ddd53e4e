import type { OrderFacts } from "../../order-facts/order-facts";

/**
 * An order's facts as the rules meet them: by default a full order of Cheshire's, made at Crewe on 2025-01-10 and
 * in force until 2028-01-10. Tests state only the facts their case turns on.
 */
export const orderFacts = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  id: "order-1",
  kind: "FULL",
  applicantForceCode: "07",
  courtCode: "B07ED",
  respondentId: "person-1",
  appliedOn: "2024-12-01",
  madeOn: "2025-01-10",
  expiresOn: "2028-01-10",
  untilFurtherOrder: false,
  endedOn: null,
  endReason: null,
  supersedesId: null,
  managingForceCode: null,
  servedOn: null,
  version: 3,
  ...overrides,
});
