import type {
  BreachOffenceType,
  BreachStatus,
  CourtDecision,
  HearingStatus,
  HearingType,
  OrderEndReason,
  OrderEventType,
  OrderKind,
} from "./vocabulary";

/**
 * Row shapes of the demo and benchmark dataset, one interface per table of the
 * subgraph migrations (column names in camelCase). Dates are ISO strings
 * ("2020-08-13"), timestamps ISO date-times with offset. Vocabulary columns
 * take the enum's strings (domain/vocabulary.ts).
 */
export interface PersonRow {
  id: string;
  forceCode: string;
  pncId: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
}

export interface PersonAliasRow {
  personId: string;
  position: number;
  givenName: string;
  familyName: string;
}

export interface NotifiedAddressRow {
  id: string;
  personId: string;
  forceCode: string;
  address: string;
  notifiedOn: string;
  policeStation: string | null;
}

export interface OrderRow {
  id: string;
  reference: string;
  kind: `${OrderKind}`;
  applicantForceCode: string;
  courtCode: string | null;
  respondentId: string;
  appliedOn: string | null;
  madeOn: string | null;
  servedOn: string | null;
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  endedOn: string | null;
  endReason: `${OrderEndReason}` | null;
  supersedesId: string | null;
}

export interface OrderProtectedPersonRow {
  orderId: string;
  personId: string;
}

export interface OrderTermRow {
  orderId: string;
  category: "PROHIBITION" | "REQUIREMENT";
  position: number;
  description: string;
  exclusionArea: string | null;
}

export interface OrderEventRow {
  orderId: string;
  position: number;
  type: `${OrderEventType}`;
  occurredOn: string;
  courtCode: string | null;
  note: string | null;
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
}

export interface CourtHearingRow {
  id: string;
  caseNumber: string;
  courtCode: string;
  forceCode: string;
  type: `${HearingType}`;
  status: `${HearingStatus}`;
  listedFor: string;
  courtroom: string | null;
  orderId: string | null;
  respondentId: string | null;
  breachId: string | null;
  decision: `${CourtDecision}` | null;
  outcomeNote: string | null;
}

export interface BreachOffenceRow {
  id: string;
  offenceType: `${BreachOffenceType}`;
  offenceCode: string | null;
  orderId: string | null;
  orderForceCode: string | null;
  offenderId: string;
  reportingForceCode: string;
  occurredOn: string;
  reportedOn: string;
  description: string | null;
  status: `${BreachStatus}`;
  decidedOn: string | null;
  sentence: string | null;
}

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
