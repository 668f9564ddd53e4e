import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import { AuthorizationPolicy } from "../gateway/authz/policy";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import type { Principal } from "../platform/identity/principal";
import { repoPath } from "../platform/repo-root";
import { scopeRulesOf } from "../platform/subgraph/access-table";
import { subgraphSchema } from "../platform/subgraph/subgraph";
import { SUBGRAPHS } from "../subgraphs/registry";
import {
  callersFor,
  CHESHIRE,
  probeSpec,
  SCOPES_OF_FIELD,
  SCOPES_OF_TYPE,
  scopesOfField,
  STAFFORDSHIRE,
  type FieldSpec,
} from "./support/access-spec";
import { emptyChunk } from "./support/database";
import { everyFieldProbes, type EveryFieldProbe, type SelectedField } from "./support/every-field-probes";
import { EVERY_SCOPE_NATIONAL, principalFor } from "./support/identity";
import { breach, hearing, order } from "./support/rows";
import type { GraphQLHttpResponse } from "./support/stack";
import { assertionHeaders, postGraphQL, startSubgraphOverHttp, type SubgraphOverHttp } from "./support/subgraph-over-http";

/**
 * Defence in depth: each subgraph enforces its own scopes on the principal the
 * gateway asserts, so that reached directly with a valid assertion it returns
 * no field the gateway would have withheld. Every subgraph is asked for every
 * field it has (generated from its schema, `_entities` of every entity type
 * included) as every persona, in and out of jurisdiction, and with no scopes
 * at all. Each answer is held to two statements of the rules:
 * - the independent spec (test/support/access-spec.ts): a value it withholds
 *   must be null;
 * - the gateway's policy read from the supergraph: a field comes back
 *   UNAUTHORIZED_FIELD_OR_TYPE exactly when the gateway would have withheld it
 *   (no more, no less).
 */
const TODAY = "2026-11-23";
const BREACH_ID = "breach-defence-in-depth";
const REVIEW_ID = "review-defence-in-depth";
/** A Cheshire order made at Crewe and not yet served. */
const UNSERVED_ID = "unserved-defence-in-depth";

function fixture() {
  const extra = emptyChunk();
  extra.breaches.breaches.push(
    breach(BREACH_ID, CHESHIRE.forceCode, "2024-06-04", {
      orderId: CHESHIRE.orderId,
      orderForceCode: CHESHIRE.forceCode,
      offenderId: CHESHIRE.respondentId,
      occurredOn: "2024-06-03",
      description: "Followed her to the station",
    }),
  );
  extra.hearings.hearings.push(
    hearing(REVIEW_ID, "2024-06-03T10:00:00+01:00", {
      type: "REVIEW",
      orderId: CHESHIRE.orderId,
      respondentId: CHESHIRE.respondentId,
      courtCode: CHESHIRE.courtCode,
    }),
  );
  extra.orders.orders.push(
    order({
      id: UNSERVED_ID,
      kind: "FULL",
      applicantForceCode: CHESHIRE.forceCode,
      // Made at Crewe, so Crewe's listing service hears it (a variation can be listed there).
      courtCode: CHESHIRE.courtCode,
      respondentId: CHESHIRE.respondentId,
      madeOn: "2026-11-02",
      expiresOn: "2028-11-02",
    }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}

const CHESHIRE_RESPONDENT = seedCasesChunk().people.persons.find((person) => person.id === CHESHIRE.respondentId)!;

/** Arguments of the fields that take them, by "Type.field". */
const ARGUMENTS: Record<string, string> = {
  "Query.person": `(id: "${CHESHIRE.respondentId}")`,
  "Query.searchPeople": `(search: { pncId: "${CHESHIRE_RESPONDENT.pncId}" })`,
  "Query.courts": `(force: "${CHESHIRE.forceCode}")`,
  "Query.order": `(id: "${CHESHIRE.orderId}")`,
  "Query.orders": `(first: 3)`,
  "Query.spoStatistics": `(from: "2020-01-01", to: "2020-12-31", groupBy: FORCE)`,
  "Query.hearing": `(id: "${REVIEW_ID}")`,
  "Query.courtList": `(courtCode: "${CHESHIRE.courtCode}", date: "${CHESHIRE.hearingDay}")`,
  "Query.breachOffence": `(id: "${BREACH_ID}")`,
};

/** One representation of each entity type, all of the Cheshire case. */
const REPRESENTATIONS: Record<string, Record<string, unknown>> = {
  Person: { id: CHESHIRE.respondentId },
  StalkingProtectionOrder: { id: CHESHIRE.orderId },
  CourtHearing: { id: REVIEW_ID },
  BreachOffence: { id: BREACH_ID },
  Force: { code: CHESHIRE.forceCode },
  Court: { code: CHESHIRE.courtCode },
  SpoStatistics: { grouping: "FORCE", scope: CHESHIRE.forceCode, periodFrom: "2024-01-01", periodTo: "2024-12-31" },
};

/**
 * Entity types a subgraph declares a key for but never resolves by reference,
 * so they are not probed there: orders computes statistics rows only through
 * spoStatistics (breaches adds its columns to them, and is probed for them),
 * and the gateway never asks orders for one.
 */
const NOT_AN_ENTITY_HERE: Partial<Record<SubgraphName, string[]>> = { orders: ["SpoStatistics"] };

const { policy: gatewayPolicy } = AuthorizationPolicy.fromSupergraph(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"));

const NO_SCOPES: Principal = { ...EVERY_SCOPE_NATIONAL, sub: "no-scopes", scopes: [] };
const CALLERS: [string, Principal][] = [
  ...callersFor(CHESHIRE, STAFFORDSHIRE).map((caller): [string, Principal] => [
    caller.label,
    principalFor(caller.persona, caller.jurisdiction),
  ]),
  ["an assertion with no scopes (national)", NO_SCOPES],
];

const UNAUTHORIZED = "UNAUTHORIZED_FIELD_OR_TYPE";

/** Every way one probe's answer departs from the two statements of the rules, as readable lines (none expected). */
function departures(schema: GraphQLSchema, probe: EveryFieldProbe, caller: Principal, body: GraphQLHttpResponse["body"]): string[] {
  const found: string[] = [];
  const refused = new Set(
    (body.errors ?? []).filter((error) => error.extensions?.code === UNAUTHORIZED).map((error) => (error.path ?? []).join(".")),
  );
  const holds = (scopes: readonly string[]) => scopes.every((scope) => caller.scopes.includes(scope));

  const judge = (path: string, value: unknown, specNeeds: readonly string[], gatewayAllows: boolean) => {
    if (!holds(specNeeds) && value !== null) found.push(`${path}: returned, but needs ${specNeeds.join(" + ")}`);
    if (refused.has(path) && gatewayAllows) found.push(`${path}: refused, but the gateway allows it`);
    if (!refused.has(path) && !gatewayAllows) found.push(`${path}: not refused, but the gateway withholds it`);
  };
  const walk = (fields: SelectedField[], object: Record<string, unknown>, path: string, reached: readonly string[]) => {
    for (const selected of fields) {
      const fieldPath = path === "" ? selected.key : `${path}.${selected.key}`;
      // A non-null field's error nulls its parent: an absent value counts as null.
      const value = object[selected.key] ?? null;
      const needs = [...reached, ...scopesOfField(selected.parentType.name, selected.field.name, getNamedType(selected.field.type).name)];
      judge(fieldPath, value, needs, gatewayPolicy.isFieldAuthorized(schema, selected.parentType, selected.field, caller));
      if (value === null || selected.children === null) continue;
      const items = Array.isArray(value)
        ? value.map((item, index) => [item, `${fieldPath}.${index}`] as const)
        : [[value, fieldPath] as const];
      for (const [item, itemPath] of items) if (item !== null) walk(selected.children, item as Record<string, unknown>, itemPath, needs);
    }
  };

  const data = body.data ?? {};
  if (probe.kind === "root") {
    walk([probe.field], data, "", []);
  } else {
    const entity = ((data._entities ?? []) as (Record<string, unknown> | null)[])[0] ?? null;
    const needs = SCOPES_OF_TYPE[probe.type.name] ?? [];
    judge("_entities.0", entity, needs, gatewayPolicy.isTypeAuthorized(probe.type, caller));
    if (entity !== null) walk(probe.children, entity, "_entities.0", needs);
  }
  return found.map((line) => `${probe.kind === "root" ? "" : `${probe.type.name} entity: `}${line}`);
}

/** What a probe answered: the root field's value, or the entity. */
function answerOf(probe: EveryFieldProbe, body: GraphQLHttpResponse["body"]): unknown {
  return probe.kind === "root" ? (body.data?.[probe.field.key] ?? null) : (body.data?._entities?.[0] ?? null);
}

describe("the independent scope table", () => {
  it("agrees with the probe spec on every field of the probe", () => {
    const contract = buildSchema(readFileSync(repoPath("schema", "contract.graphql"), "utf8"));
    const disagreements: string[] = [];
    const check = (specs: FieldSpec[], parent: GraphQLObjectType, reached: readonly string[]) => {
      for (const spec of specs) {
        const field = parent.getFields()[spec.key];
        const returned = getNamedType(field.type) as GraphQLObjectType;
        const needs = [...new Set([...reached, ...scopesOfField(parent.name, spec.key, returned.name)])].sort();
        const probed = [...new Set(spec.scopes)].sort();
        if (needs.join() !== probed.join()) disagreements.push(`${parent.name}.${spec.key}: table ${needs}, probe ${probed}`);
        if (spec.children) check(spec.children, returned, needs);
      }
    };
    check(probeSpec(CHESHIRE), contract.getQueryType()!, []);
    expect(disagreements).toEqual([]);
  });
});

describe.each(SUBGRAPH_NAMES.map((name) => [name]))("the %s subgraph, called directly with valid assertions", (name: SubgraphName) => {
  let subgraph: SubgraphOverHttp;
  let schema: GraphQLSchema;
  let probes: EveryFieldProbe[];

  beforeAll(async () => {
    schema = await subgraphSchema(SUBGRAPHS[name]);
    probes = everyFieldProbes(schema, { arguments: ARGUMENTS, representations: REPRESENTATIONS, depth: 3 }).filter(
      (probe) => !(probe.kind === "entity" && NOT_AN_ENTITY_HERE[name]?.includes(probe.type.name)),
    );
    subgraph = await startSubgraphOverHttp(name, [fixture()], TODAY);
  });
  afterAll(() => subgraph?.stop());

  const ask = async (probe: EveryFieldProbe, caller: Principal) => {
    const response = await postGraphQL(subgraph.url, { query: probe.query, variables: probe.variables }, assertionHeaders(caller, name));
    expect(response.status).toBe(200);
    return response.body;
  };

  it("answers every field and entity to a caller holding every scope, refusing nothing", async () => {
    const refusals: unknown[] = [];
    const unanswered: string[] = [];
    for (const probe of probes) {
      const body = await ask(probe, EVERY_SCOPE_NATIONAL);
      refusals.push(...(body.errors ?? []).filter((error) => error.extensions?.code === UNAUTHORIZED));
      if (answerOf(probe, body) === null) unanswered.push(probe.kind === "root" ? probe.field.key : probe.type.name);
    }
    expect(refusals).toEqual([]);
    expect(unanswered).toEqual([]);
  });

  it.each(CALLERS)("returns %s nothing the gateway would have withheld, and withholds nothing more", async (_label, caller) => {
    const found: string[] = [];
    for (const probe of probes) found.push(...departures(schema, probe, caller, await ask(probe, caller)));
    expect(found).toEqual([]);
  });
});

/**
 * Each guarded mutation, valid and in a jurisdiction that covers it, so that
 * only the scope stands between a caller and the change; `table` holds what
 * it changes.
 */
const MUTATIONS: Record<
  string,
  {
    query: string;
    input: Record<string, unknown>;
    table: string;
    writer: Principal;
    /** What the writer does first, for the mutation to have something to change (an outcome to correct). */
    prepare?: { query: string; input: Record<string, unknown> };
  }
> = {
  "Mutation.recordHearingOutcome": {
    query: `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id status } }`,
    input: { hearingId: REVIEW_ID, status: "ADJOURNED", decision: "ADJOURNED", idempotencyKey: "defence-in-depth" },
    table: "court_hearing",
    writer: principalFor("court-listing", { kind: "courts", courts: [CHESHIRE.courtCode] }),
  },
  "Mutation.reportBreach": {
    query: `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id status } }`,
    input: {
      orderId: CHESHIRE.orderId,
      offenceType: "BREACH_OF_ORDER",
      occurredOn: "2024-06-03",
      description: "Sent her a message",
      idempotencyKey: "defence-in-depth",
    },
    table: "breach_offence",
    writer: principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] }),
  },
  "Mutation.applyForOrder": {
    query: `mutation($input: ApplyForOrderInput!) { applyForOrder(input: $input) { id status } }`,
    input: {
      applicantForce: CHESHIRE.forceCode,
      respondentId: CHESHIRE.respondentId,
      protectedPersonIds: [CHESHIRE.protectedPersonId],
      courtCode: CHESHIRE.courtCode,
      appliedOn: TODAY,
      areaGround: "RESIDES_IN_AREA",
      grounds: "Repeated contact since the order expired",
      prohibitions: [{ description: "Not to contact her" }],
      idempotencyKey: "defence-in-depth",
    },
    table: "stalking_protection_order",
    writer: principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] }),
  },
  "Mutation.recordService": {
    query: `mutation($input: RecordServiceInput!) { recordService(input: $input) { id servedOn } }`,
    input: { orderId: UNSERVED_ID, servedOn: "2026-11-03", idempotencyKey: "defence-in-depth" },
    table: "stalking_protection_order",
    writer: principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] }),
  },
  "Mutation.listHearing": {
    query: `mutation($input: ListHearingInput!) { listHearing(input: $input) { id status } }`,
    input: {
      orderId: UNSERVED_ID,
      type: "VARIATION",
      courtCode: CHESHIRE.courtCode,
      listedFor: "2026-12-01T10:00:00Z",
      idempotencyKey: "defence-in-depth",
    },
    table: "court_hearing",
    writer: principalFor("court-listing", { kind: "courts", courts: [CHESHIRE.courtCode] }),
  },
  "Mutation.relistHearing": {
    query: `mutation($input: RelistHearingInput!) { relistHearing(input: $input) { id status } }`,
    input: {
      hearingId: REVIEW_ID,
      listedFor: "2026-12-01T10:00:00Z",
      reason: "The bench is unavailable",
      idempotencyKey: "defence-in-depth",
    },
    table: "court_hearing",
    writer: principalFor("court-listing", { kind: "courts", courts: [CHESHIRE.courtCode] }),
  },
  "Mutation.vacateHearing": {
    query: `mutation($input: VacateHearingInput!) { vacateHearing(input: $input) { id status } }`,
    input: { hearingId: REVIEW_ID, reason: "The application was withdrawn", idempotencyKey: "defence-in-depth" },
    table: "court_hearing",
    writer: principalFor("court-listing", { kind: "courts", courts: [CHESHIRE.courtCode] }),
  },
  "Mutation.amendHearingOutcome": {
    query: `mutation($input: AmendHearingOutcomeInput!) { amendHearingOutcome(input: $input) { id status } }`,
    input: {
      hearingId: REVIEW_ID,
      status: "ADJOURNED",
      decision: "ADJOURNED",
      outcomeNote: "Adjourned for reports",
      reason: "the adjournment was recorded without its note",
      idempotencyKey: "defence-in-depth",
    },
    table: "court_hearing",
    writer: principalFor("court-listing", { kind: "courts", courts: [CHESHIRE.courtCode] }),
    prepare: {
      query: `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id } }`,
      input: { hearingId: REVIEW_ID, status: "ADJOURNED", decision: "ADJOURNED", idempotencyKey: "defence-in-depth-prepare" },
    },
  },
  "Mutation.transferManagement": {
    query: `mutation($input: TransferManagementInput!) { transferManagement(input: $input) { id managingForce { code } } }`,
    input: { orderId: UNSERVED_ID, toForce: "21", transferredOn: "2026-11-20", idempotencyKey: "defence-in-depth" },
    table: "stalking_protection_order",
    writer: principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] }),
  },
};

const GUARDED_MUTATIONS = SUBGRAPH_NAMES.flatMap((name) =>
  Object.keys(scopeRulesOf(SUBGRAPHS[name].access))
    .filter((key) => key.startsWith("Mutation."))
    .map((key) => [key, name] as [string, SubgraphName]),
);

describe.each(GUARDED_MUTATIONS)("%s, called directly on its subgraph", (key, name) => {
  const mutation = MUTATIONS[key];
  const field = key.slice("Mutation.".length);
  let subgraph: SubgraphOverHttp;

  beforeAll(async () => {
    if (!mutation) throw new Error(`${key} has no entry in MUTATIONS: add one`);
    subgraph = await startSubgraphOverHttp(name, [fixture()], TODAY);
    if (mutation.prepare) {
      const prepared = await postGraphQL(
        subgraph.url,
        { query: mutation.prepare.query, variables: { input: mutation.prepare.input } },
        assertionHeaders(mutation.writer, name),
      );
      expect(prepared.body.errors).toBeUndefined();
    }
  });
  afterAll(() => subgraph?.stop());

  const send = async (caller: Principal) =>
    postGraphQL(subgraph.url, { query: mutation.query, variables: { input: mutation.input } }, assertionHeaders(caller, name));
  const state = async () => ({
    changed: await subgraph.database.db.query(`SELECT * FROM ${mutation.table} ORDER BY id`),
    keys: await subgraph.database.db.query(`SELECT * FROM idempotent_request`),
    events: await subgraph.database.db.query(`SELECT * FROM event_outbox`),
  });
  const withoutTheScope = CALLERS.filter(([, caller]) => !(SCOPES_OF_FIELD[key] ?? []).every((scope) => caller.scopes.includes(scope)));

  it.each(withoutTheScope)("refuses %s, which lacks its scope, before any change", async (_label, caller) => {
    const before = await state();
    const { status, body } = await send(caller);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: "Unauthorized field or type", path: [field], extensions: { code: UNAUTHORIZED } })],
    });
    expect(await state()).toEqual(before);
  });

  it("makes the change for a caller holding the scope (what refused the others was the scope alone)", async () => {
    const before = await state();
    const { body } = await send(mutation.writer);
    expect(body.errors).toBeUndefined();
    expect(body.data?.[field]).toMatchObject({ id: expect.any(String) });
    expect((await state()).keys).toHaveLength(before.keys.length + 1);
  });
});
