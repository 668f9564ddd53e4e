import personas from "../../schema/personas.json";
import { SEED_CASE_IDS } from "../../dev/dataset/seed-cases";
import type { Jurisdiction } from "../../platform/identity/principal";
import { forcesInRegion } from "../../platform/estate";
import type { PersonaName } from "./identity";

/**
 * The access model (docs/design.md) written down independently of the implementation, for the
 * authorization tests: which scopes each field of a probe query needs (its
 * own and its type's), and which fields are jurisdiction-bound detail.
 * The tests compare what the gateway answers with what this spec allows.
 */
export type Detail = "order" | "person";

export interface FieldSpec {
  /** The field as selected, with arguments, e.g. `courtList(courtCode: "B07ED", date: "2020-08-13")`. */
  select: string;
  /** Response key. */
  key: string;
  /** All needed (AND). */
  scopes: string[];
  detail?: Detail;
  /** Court callers may not use this entry point at all (FORBIDDEN, NOT_PERMITTED_FOR_JURISDICTION). */
  refusedToCourts?: boolean;
  /** The data itself may be null (e.g. an interim order has no expiry): then null without error is a value. */
  mayBeNull?: boolean;
  /** Records outside a court caller's courts are not found (null or [] without error). */
  hiddenFromOtherCourts?: boolean;
  /**
   * A person who is only ever protected: exists only for callers with person:protected covering an order
   * protecting them; to anyone else not found (null or [] without error), so nothing confirms them.
   */
  protectedPersonOnly?: boolean;
  children?: FieldSpec[];
}

const field = (select: string, scopes: string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  select,
  key: /^\w+/.exec(select)![0],
  scopes,
  ...extra,
});

export interface SeedCaseProbe {
  name: string;
  forceCode: string;
  region: string;
  courtCode: string;
  hearingDay: string;
  orderId: string;
  respondentId: string;
  protectedPersonId: string;
}

/** The probe: every guarded field of the contract reachable from the seed cases. */
export function probeSpec(probe: SeedCaseProbe): FieldSpec[] {
  const person = (scopes: string[]) => [
    field("id", scopes),
    field("pncId", scopes),
    field("name { family }", scopes),
    field("aliases { family }", scopes),
    field("dateOfBirth", scopes),
    field("notifiedAddresses { address }", [...scopes, "person:address"], { detail: "person" }),
    field("spoStatus", [...scopes, "spo:read"]),
    field("stalkingProtectionOrders { id }", [...scopes, "spo:read"]),
    field("protectedBy { id }", [...scopes, "person:protected", "spo:read"]),
    field("breachOffences { id }", [...scopes, "breach:read"]),
  ];
  const order = ["spo:read"];
  return [
    field("forces { code region }", []),
    field(`courts(force: "${probe.forceCode}") { code force { name } }`, []),
    field(`order(id: "${probe.orderId}")`, order, {
      hiddenFromOtherCourts: true,
      children: [
        field("reference", order),
        field("kind", order),
        field("status", order),
        field("madeOn", order),
        field("expiresOn", order, { mayBeNull: true }),
        field("untilFurtherOrder", order),
        field("applicantForce { code name region }", order),
        field("court { code name }", order),
        field("supersedes { id }", order, { mayBeNull: true }),
        field("history", order, {
          children: [
            field("type", order),
            field("on", order),
            field("note", [...order, "spo:terms"], { detail: "order", mayBeNull: true }),
          ],
        }),
        field("respondent", [...order, "person:read"], { children: person([...order, "person:read"]) }),
        field("protectedPersons { id name { family } }", [...order, "person:protected", "person:read"], { detail: "order" }),
        field("prohibitions { description exclusionArea }", [...order, "spo:terms"], { detail: "order" }),
        field("requirements { description }", [...order, "spo:terms"], { detail: "order" }),
        // The terms on a day the probe's order was in force, each with its history: the same text, the same guard.
        field(
          `terms(inForceOn: "${probe.hearingDay}") { id category description exclusionArea history { effectiveFrom description exclusionArea } }`,
          [...order, "spo:terms"],
          {
            detail: "order",
          },
        ),
        field("hearings", [...order, "hearing:read"], {
          children: [
            ...["caseNumber", "type", "status", "listedFor", "courtroom", "decision"].map((name) =>
              field(name, [...order, "hearing:read"], { mayBeNull: name === "courtroom" || name === "decision" }),
            ),
            // Free text a court typed: case detail of the hearing (its court, or its order's force).
            field("outcomeNote", [...order, "hearing:read", "spo:terms"], { detail: "order", mayBeNull: true }),
          ],
        }),
        field("breaches", [...order, "breach:read"], {
          children: [
            field("id", [...order, "breach:read"]),
            field("description", [...order, "breach:read", "spo:terms"], { detail: "order", mayBeNull: true }),
            field("sentence", [...order, "breach:read", "spo:terms"], { detail: "order", mayBeNull: true }),
            field("crimeReference", [...order, "breach:read", "spo:terms"], { detail: "order", mayBeNull: true }),
            field("disposal { type length { value unit } amountPence }", [...order, "breach:read", "spo:terms"], {
              detail: "order",
              mayBeNull: true,
            }),
            field("termsBreached", [...order, "breach:read", "spo:terms"], { detail: "order", mayBeNull: true }),
          ],
        }),
      ],
    }),
    field(`person(id: "${probe.respondentId}")`, ["person:read"], { refusedToCourts: true, children: person(["person:read"]) }),
    // The victim, looked up directly: not found unless the caller may see them, whatever else it may see.
    field(`person(id: "${probe.protectedPersonId}")`, ["person:read"], {
      refusedToCourts: true,
      protectedPersonOnly: true,
      children: [
        field("id", ["person:read"]),
        field("name { given family }", ["person:read"]),
        field("protectedBy { id reference }", ["person:read", "person:protected", "spo:read"]),
      ],
    }),
    field(`courtList(courtCode: "${probe.courtCode}", date: "${probe.hearingDay}") { caseNumber type order { id } }`, ["hearing:read"], {
      hiddenFromOtherCourts: true,
    }),
    field(`spoStatistics(from: "2020-01-01", to: "2020-12-31", groupBy: FORCE) { scope activeOrders breachesReported }`, ["stats:read"]),
  ];
}

export function selectionText(specs: FieldSpec[]): string {
  return specs.map((spec) => (spec.children ? `${spec.select} { ${selectionText(spec.children)} }` : spec.select)).join(" ");
}

export interface Caller {
  persona: PersonaName;
  jurisdiction: Jurisdiction;
  /** Whether the caller's jurisdiction covers the probed case. */
  covers: boolean;
  label: string;
}

/** Every persona, in and (where it has one) out of jurisdiction for the probed case. */
export function callersFor(probe: SeedCaseProbe, other: SeedCaseProbe): Caller[] {
  const forces = (region: string) => forcesInRegion(region as never).map((force) => force.code);
  const national = (persona: PersonaName): Caller => ({
    persona,
    jurisdiction: { kind: "national" },
    covers: true,
    label: `${persona} (national)`,
  });
  return [
    national("national-analyst"),
    {
      persona: "regional-officer",
      jurisdiction: { kind: "forces", forces: forces(probe.region) },
      covers: true,
      label: `regional-officer (${probe.region})`,
    },
    {
      persona: "regional-officer",
      jurisdiction: { kind: "forces", forces: forces(other.region) },
      covers: false,
      label: `regional-officer (${other.region})`,
    },
    {
      persona: "force-officer",
      jurisdiction: { kind: "forces", forces: [probe.forceCode] },
      covers: true,
      label: `force-officer (${probe.forceCode})`,
    },
    {
      persona: "force-officer",
      jurisdiction: { kind: "forces", forces: [other.forceCode] },
      covers: false,
      label: `force-officer (${other.forceCode})`,
    },
    {
      persona: "court-listing",
      jurisdiction: { kind: "courts", courts: [probe.courtCode] },
      covers: true,
      label: `court-listing (${probe.courtCode})`,
    },
    {
      persona: "court-listing",
      jurisdiction: { kind: "courts", courts: [other.courtCode] },
      covers: false,
      label: `court-listing (${other.courtCode})`,
    },
    national("reporting-dashboard"),
    national("auditor"),
  ];
}

export type Outcome =
  | { kind: "value" }
  | { kind: "unauthorized" }
  | { kind: "forbidden"; reason: string }
  /** Not found for this caller: null (or an empty list) and no error. */
  | { kind: "hidden" };

/** What the spec allows `caller` to get for one field (its parent having resolved). */
export function expectedOutcome(spec: FieldSpec, caller: Caller): Outcome {
  const scopes: string[] = personas.personas[caller.persona].scopes;
  if (!spec.scopes.every((scope) => scopes.includes(scope))) return { kind: "unauthorized" };
  const isCourtCaller = caller.jurisdiction.kind === "courts";
  if (spec.refusedToCourts && isCourtCaller) return { kind: "forbidden", reason: "NOT_PERMITTED_FOR_JURISDICTION" };
  if (spec.hiddenFromOtherCourts && isCourtCaller && !caller.covers) return { kind: "hidden" };
  if (spec.protectedPersonOnly && !(scopes.includes("person:protected") && caller.covers && !isCourtCaller)) return { kind: "hidden" };
  // Person detail follows the recording force: court callers never cover it.
  const coversDetail = spec.detail === "person" ? caller.covers && !isCourtCaller : caller.covers;
  if (spec.detail && !coversDetail) return { kind: "forbidden", reason: "OUT_OF_JURISDICTION" };
  return { kind: "value" };
}

/** The two seed cases as probes: each is the other's out-of-jurisdiction case. */
export const CHESHIRE: SeedCaseProbe = {
  name: "Cheshire full order",
  forceCode: "07",
  region: "NORTH_WEST",
  courtCode: "B07ED",
  hearingDay: "2020-08-13",
  orderId: SEED_CASE_IDS.cheshire.fullOrder,
  respondentId: SEED_CASE_IDS.cheshire.respondent,
  protectedPersonId: SEED_CASE_IDS.cheshire.protectedPerson,
};
export const STAFFORDSHIRE: SeedCaseProbe = {
  name: "Staffordshire interim order",
  forceCode: "21",
  region: "WEST_MIDLANDS",
  courtCode: "B21DA",
  hearingDay: "2020-02-20",
  orderId: SEED_CASE_IDS.staffordshire.interimOrder,
  respondentId: SEED_CASE_IDS.staffordshire.respondent,
  protectedPersonId: SEED_CASE_IDS.staffordshire.protectedPerson,
};

/**
 * The same scope rules per type and field, for tests that walk a schema
 * rather than the probe (direct subgraph calls): a type's scopes are needed
 * wherever it is reached, a field's on top of those of the type it returns.
 */
export const SCOPES_OF_TYPE: Readonly<Record<string, readonly string[]>> = {
  StalkingProtectionOrder: ["spo:read"],
  OrderConnection: ["spo:read"],
  OrderEvent: ["spo:read"],
  OrderTerm: ["spo:terms"],
  ManagementPeriod: ["spo:read"],
  ProposedTransfer: ["spo:read"],
  OrderTermVersion: ["spo:terms"],
  Person: ["person:read"],
  PersonName: ["person:read"],
  NotifiedAddress: ["person:address"],
  CourtHearing: ["hearing:read"],
  CorrectedHearingOutcome: ["hearing:read"],
  BreachOffence: ["breach:read"],
  BreachDisposal: ["spo:terms"],
  SentenceLength: ["spo:terms"],
  SpoStatistics: ["stats:read"],
  BreachTypeCount: ["stats:read"],
  AuditRecordPage: ["audit:read"],
  AuditRecord: ["audit:read"],
};

export const SCOPES_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  "StalkingProtectionOrder.prohibitions": ["spo:terms"],
  "StalkingProtectionOrder.requirements": ["spo:terms"],
  "StalkingProtectionOrder.terms": ["spo:terms"],
  "StalkingProtectionOrder.protectedPersons": ["person:protected"],
  "Person.spoStatus": ["spo:read"],
  "Person.protectedBy": ["person:protected"],
  "Person.notifiedAddresses": ["person:address"],
  // Free text is case detail.
  "OrderEvent.note": ["spo:terms"],
  "CourtHearing.outcomeNote": ["spo:terms"],
  "BreachOffence.description": ["spo:terms"],
  "BreachOffence.sentence": ["spo:terms"],
  // Case detail, not free text: the structured sentence and the police's crime reference.
  "BreachOffence.disposal": ["spo:terms"],
  "BreachOffence.crimeReference": ["spo:terms"],
  "BreachOffence.termsBreached": ["spo:terms"],
  "Mutation.recordHearingOutcome": ["hearing:write"],
  "Mutation.reportBreach": ["breach:write"],
  "Mutation.applyForOrder": ["spo:write"],
  "Mutation.recordService": ["spo:write"],
  "Mutation.transferManagement": ["spo:write"],
  "StalkingProtectionOrder.proposedTransfer": ["spo:read"],
  "Mutation.amendHearingOutcome": ["hearing:write"],
  "Mutation.listHearing": ["hearing:write"],
  "Mutation.relistHearing": ["hearing:write"],
  "Mutation.vacateHearing": ["hearing:write"],
  "CorrectedHearingOutcome.outcomeNote": ["spo:terms"],
  "CorrectedHearingOutcome.correctionReason": ["spo:terms"],
  "OrderTerm.description": ["spo:terms"],
  "OrderTerm.exclusionArea": ["spo:terms"],
  "OrderTermVersion.description": ["spo:terms"],
  "OrderTermVersion.exclusionArea": ["spo:terms"],
};

/** The scopes `Type.field` needs once its parent is reached: its own and those of the type it returns. */
export function scopesOfField(parentType: string, field: string, returnedType: string): string[] {
  return [...(SCOPES_OF_FIELD[`${parentType}.${field}`] ?? []), ...(SCOPES_OF_TYPE[returnedType] ?? [])];
}
