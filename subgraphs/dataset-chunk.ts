import type { BreachOffenceRow } from "./breaches/breach/breach.table";
import type { CourtHearingRow } from "./hearings/hearing/hearing.table";
import type { OrderEventRow, OrderProtectedPersonRow, OrderRow, OrderTermRow } from "./orders/order/order.table";
import type { NotifiedAddressRow, PersonAliasRow, PersonRow } from "./people/person/person.table";

/**
 * Row shapes of the demo and benchmark dataset: each the row of a table as its
 * subgraph declares it (`<entity>.table.ts`), so a column added there is a
 * column of the dataset at once. Dates are ISO strings ("2020-08-13"),
 * timestamps ISO date-times with offset; vocabulary columns take the enum's
 * strings (domain/vocabulary.ts).
 */
export type {
  BreachOffenceRow,
  CourtHearingRow,
  NotifiedAddressRow,
  OrderEventRow,
  OrderProtectedPersonRow,
  OrderRow,
  OrderTermRow,
  PersonAliasRow,
  PersonRow,
};

/** One slice of the dataset: every row belonging to a set of orders, split by owning subgraph. */
export interface DatasetChunk {
  people: { persons: PersonRow[]; aliases: PersonAliasRow[]; addresses: NotifiedAddressRow[] };
  orders: {
    orders: OrderRow[];
    protectedPersons: OrderProtectedPersonRow[];
    terms: OrderTermRow[];
    events: OrderEventRow[];
  };
  hearings: { hearings: CourtHearingRow[] };
  breaches: { breaches: BreachOffenceRow[] };
}
