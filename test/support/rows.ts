import type { BreachOffenceRow, CourtHearingRow, OrderRow, PersonRow } from "../../subgraphs/dataset-chunk";

/** An order row for hand-written fixtures: unmade, unexpired and unended unless the fields say otherwise. */
export function order(fields: Partial<OrderRow> & Pick<OrderRow, "id" | "kind" | "applicantForceCode">): OrderRow {
  return {
    reference: `SPO/${fields.applicantForceCode}/${fields.id}`,
    courtCode: null,
    respondentId: "r1",
    appliedOn: "2020-01-01",
    madeOn: null,
    servedOn: null,
    expiresOn: null,
    untilFurtherOrder: false,
    endedOn: null,
    endReason: null,
    supersedesId: null,
    ...fields,
  };
}

/** One interim order against each person, applied for by the force that recorded them: makes them respondents. */
export function respondentOrders(persons: readonly PersonRow[]): OrderRow[] {
  return persons.map((person) =>
    order({ id: `order-against-${person.id}`, kind: "INTERIM", applicantForceCode: person.forceCode, respondentId: person.id }),
  );
}

/** A LISTED hearing at Crewe for hand-written fixtures. */
export function hearing(id: string, listedFor: string, overrides: Partial<CourtHearingRow> = {}): CourtHearingRow {
  return {
    id,
    caseNumber: `CASE-${id}`,
    courtCode: "B07ED",
    forceCode: "07",
    type: "FULL_APPLICATION",
    status: "LISTED",
    listedFor,
    courtroom: "1",
    orderId: null,
    respondentId: null,
    breachId: null,
    decision: null,
    outcomeNote: null,
    ...overrides,
  };
}

/** A REPORTED s.8 breach for hand-written fixtures. */
export function breach(
  id: string,
  reportingForceCode: string,
  reportedOn: string,
  overrides: Partial<BreachOffenceRow> = {},
): BreachOffenceRow {
  return {
    id,
    offenceType: "BREACH_OF_ORDER",
    offenceCode: "ST19001",
    orderId: null,
    orderForceCode: null,
    offenderId: `p-${id}`,
    reportingForceCode,
    occurredOn: reportedOn,
    reportedOn,
    description: null,
    status: "REPORTED",
    decidedOn: null,
    sentence: null,
    ...overrides,
  };
}
