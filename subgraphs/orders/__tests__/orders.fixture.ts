import type { DatasetChunk } from "../../dataset-chunk";
import { emptyChunk } from "../../../test/support/database";
import { order } from "../../../test/support/rows";

export { order };

/**
 * Hand-computed orders around the period 2021-01-01..2021-12-31:
 * - i1 interim 07 made 2021-01-01 (first day), superseded 2021-03-01 by f1
 * - f1 full 07 made 2021-03-01, expires 2023-03-01            → in force on 2021-12-31
 * - f2 full 07 made 2020-06-01, expires 2021-12-31             → expired on 2021-12-31 (expiry day)
 * - f3 full 21 made 2021-12-31 (last day), until further order → in force
 * - i2 interim 21 made 2022-01-01 (day after)                  → outside the period
 * - a1 application 06, never made, refused 2021-05-01
 * - d1 full 06 made 2019-05-01 until further order, discharged 2022-02-01 → in force on 2021-12-31
 */
export function ordersFixture(): DatasetChunk {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({
      id: "i1",
      kind: "INTERIM",
      applicantForceCode: "07",
      courtCode: "B07ED",
      madeOn: "2021-01-01",
      endedOn: "2021-03-01",
      endReason: "SUPERSEDED",
    }),
    order({
      id: "f1",
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      madeOn: "2021-03-01",
      expiresOn: "2023-03-01",
      supersedesId: "i1",
    }),
    order({ id: "f2", kind: "FULL", applicantForceCode: "07", respondentId: "r2", madeOn: "2020-06-01", expiresOn: "2021-12-31" }),
    order({ id: "f3", kind: "FULL", applicantForceCode: "21", respondentId: "r3", madeOn: "2021-12-31", untilFurtherOrder: true }),
    order({ id: "i2", kind: "INTERIM", applicantForceCode: "21", respondentId: "r3", madeOn: "2022-01-01" }),
    order({
      id: "a1",
      kind: "FULL",
      applicantForceCode: "06",
      respondentId: "r4",
      appliedOn: "2021-04-01",
      endedOn: "2021-05-01",
      endReason: "REFUSED",
    }),
    order({
      id: "d1",
      kind: "FULL",
      applicantForceCode: "06",
      respondentId: "r5",
      madeOn: "2019-05-01",
      untilFurtherOrder: true,
      endedOn: "2022-02-01",
      endReason: "DISCHARGED",
    }),
  );
  chunk.orders.protectedPersons.push(
    { orderId: "f1", personId: "v1" },
    { orderId: "i1", personId: "v1" },
    { orderId: "f1", personId: "v2" },
  );
  chunk.orders.terms.push(
    { orderId: "f1", category: "REQUIREMENT", position: 0, description: "Hand over devices on request", exclusionArea: null },
    { orderId: "f1", category: "PROHIBITION", position: 1, description: "Must not enter the area", exclusionArea: "Northwich town centre" },
    { orderId: "f1", category: "PROHIBITION", position: 0, description: "Must not contact V", exclusionArea: null },
  );
  chunk.orders.events.push(
    {
      orderId: "f2",
      position: 0,
      type: "APPLIED",
      occurredOn: "2020-05-01",
      courtCode: null,
      note: null,
      expiresOn: null,
      untilFurtherOrder: null,
    },
    {
      orderId: "f2",
      position: 1,
      type: "MADE",
      occurredOn: "2020-06-01",
      courtCode: "B07DM",
      note: "two years",
      expiresOn: "2021-12-31",
      untilFurtherOrder: false,
    },
  );
  return chunk;
}
