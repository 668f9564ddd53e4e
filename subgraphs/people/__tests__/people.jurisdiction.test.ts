import { formatPncId } from "../../../domain/pnc";
import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { respondentOrders } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { principalFor, withEveryScope } from "../../../test/support/identity";
import { peopleSubgraph } from "../subgraph";

// Each persona's jurisdiction with every scope: jurisdiction is under test here, the scopes are checked on their own.
const FORCE_OFFICER = withEveryScope(principalFor("force-officer", { kind: "forces", forces: ["07"] }));
const REGIONAL_OFFICER = withEveryScope(
  principalFor("regional-officer", { kind: "forces", forces: forcesInRegion("NORTH_WEST").map((force) => force.code) }),
);
const NATIONAL_ANALYST = withEveryScope(principalFor("national-analyst", { kind: "national" }));
const COURT_LISTING = withEveryScope(principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }));

const PNC = formatPncId(2004, 1234567);

/** p1 recorded by Cheshire 07, p2 by Staffordshire 21 (West Midlands), p3 by Greater Manchester 06 (North West). */
function fixture() {
  const chunk = emptyChunk();
  chunk.people.persons.push(
    { id: "p1", forceCode: "07", pncId: PNC, givenName: "Adam", familyName: "Exampleton", dateOfBirth: "1980-05-01" },
    { id: "p2", forceCode: "21", pncId: null, givenName: "Beth", familyName: "Sampleford", dateOfBirth: "1990-01-02" },
    { id: "p3", forceCode: "06", pncId: null, givenName: "Carl", familyName: "Exampleton", dateOfBirth: "1980-05-01" },
  );
  chunk.people.aliases.push({ personId: "p2", position: 0, givenName: "Bet", familyName: "Sample" });
  chunk.people.addresses.push(
    { id: "a1", personId: "p1", forceCode: "07", address: "1 Old Road, Runcorn", notifiedOn: "2020-09-01", policeStation: "Runcorn" },
    { id: "a2", personId: "p2", forceCode: "21", address: "2 High Street, Cannock", notifiedOn: "2021-01-01", policeStation: null },
    { id: "a3", personId: "p3", forceCode: "06", address: "3 Mill Lane, Bolton", notifiedOn: "2022-02-02", policeStation: null },
  );
  // Respondents: people shows an identity only once it knows the person's part in an order.
  chunk.orders.orders.push(...respondentOrders(chunk.people.persons));
  return chunk;
}

function errorsOf(result: ExecutionResult<unknown>) {
  return (result.errors ?? [])
    .map(({ message, path, extensions }) => ({ message, path, extensions }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}

const outOfJurisdiction = (...path: (string | number)[]) => ({
  message: "Outside your jurisdiction",
  path,
  extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" },
});

const ADDRESSES = {
  p1: [{ address: "1 Old Road, Runcorn", notifiedOn: "2020-09-01", policeStation: "Runcorn" }],
  p2: [{ address: "2 High Street, Cannock", notifiedOn: "2021-01-01", policeStation: null }],
  p3: [{ address: "3 Mill Lane, Bolton", notifiedOn: "2022-02-02", policeStation: null }],
};
const IDENTITY = {
  p1: { id: "p1", pncId: PNC, name: { given: "Adam", family: "Exampleton" }, dateOfBirth: "1980-05-01", aliases: [] },
  p2: {
    id: "p2",
    pncId: null,
    name: { given: "Beth", family: "Sampleford" },
    dateOfBirth: "1990-01-02",
    aliases: [{ given: "Bet", family: "Sample" }],
  },
  p3: { id: "p3", pncId: null, name: { given: "Carl", family: "Exampleton" }, dateOfBirth: "1980-05-01", aliases: [] },
};
const FIELDS = `id pncId name { given family } dateOfBirth aliases { given family } notifiedAddresses { address notifiedOn policeStation }`;
const PERSON_QUERY = `{ p1: person(id: "p1") { ${FIELDS} } p2: person(id: "p2") { ${FIELDS} } p3: person(id: "p3") { ${FIELDS} } }`;
const ENTITIES_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${FIELDS} } } }`;
const ALL = ["p1", "p2", "p3"].map((id) => ({ __typename: "Person", id }));

type Id = keyof typeof IDENTITY;
/** The person with addresses where the caller covers their recording force, null (withheld) otherwise. */
const person = (id: Id, covered: boolean) => ({ ...IDENTITY[id], notifiedAddresses: covered ? ADDRESSES[id] : null });

describe("people subgraph: record-level jurisdiction", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server } = await startSubgraphUnderTest(peopleSubgraph, [fixture()], "2026-11-22"));
  });
  afterAll(() => database.dispose());

  it.each<[string, Principal, Id[]]>([
    ["force-officer (07)", FORCE_OFFICER, ["p1"]],
    ["regional-officer (North West)", REGIONAL_OFFICER, ["p1", "p3"]],
    ["national-analyst", NATIONAL_ANALYST, ["p1", "p2", "p3"]],
  ])(
    "%s sees every respondent's identity, and notified addresses only of people its forces recorded",
    async (_name, principal, covered) => {
      const result = await executeOnSubgraph(server, PERSON_QUERY, undefined, principal);
      const ids: Id[] = ["p1", "p2", "p3"];
      expect(result.data).toEqual(Object.fromEntries(ids.map((id) => [id, person(id, covered.includes(id))])));
      expect(errorsOf(result)).toEqual(ids.filter((id) => !covered.includes(id)).map((id) => outOfJurisdiction(id, "notifiedAddresses")));

      const entities = await executeOnSubgraph(server, ENTITIES_QUERY, { r: ALL }, principal);
      expect(entities.data!._entities).toEqual(ids.map((id) => person(id, covered.includes(id))));
      expect(errorsOf(entities)).toEqual(
        ids.flatMap((id, index) => (covered.includes(id) ? [] : [outOfJurisdiction("_entities", index, "notifiedAddresses")])),
      );
    },
  );

  it.each<[string, Principal, string[]]>([
    ["force-officer", FORCE_OFFICER, ["p1", "p3"]],
    ["regional-officer", REGIONAL_OFFICER, ["p1", "p3"]],
    ["national-analyst", NATIONAL_ANALYST, ["p1", "p3"]],
  ])("lets %s search every force's people", async (_name, principal, expected) => {
    const byName = await executeOnSubgraph(
      server,
      `{ searchPeople(search: { familyName: "Exampleton", dateOfBirth: "1980-05-01" }) { id } }`,
      undefined,
      principal,
    );
    expect(byName.errors).toBeUndefined();
    expect(byName.data!.searchPeople.map((p: { id: string }) => p.id).sort()).toEqual(expected);
  });

  describe("court-listing", () => {
    const notPermitted = (path: string, what: string) => ({
      message: `${what} is not available to your jurisdiction`,
      path: [path],
      extensions: { code: "FORBIDDEN", reason: "NOT_PERMITTED_FOR_JURISDICTION" },
    });

    it("may not look a person up by id", async () => {
      const result = await executeOnSubgraph(server, `{ person(id: "p1") { id } }`, undefined, COURT_LISTING);
      expect(result.data).toEqual({ person: null });
      expect(errorsOf(result)).toEqual([notPermitted("person", "Looking up a person")]);
    });

    it("may not search for people, by PNC ID or by name, and is refused before its input is checked", async () => {
      for (const search of [
        `{ pncId: "${PNC}" }`,
        `{ familyName: "Exampleton", dateOfBirth: "1980-05-01" }`,
        `{ familyName: "Exampleton" }`,
      ]) {
        const result = await executeOnSubgraph(server, `{ searchPeople(search: ${search}) { id } }`, undefined, COURT_LISTING);
        expect(result.data).toBeNull();
        expect(errorsOf(result)).toEqual([notPermitted("searchPeople", "Searching for people")]);
      }
    });

    it("still resolves Person entities (respondents of its hearings and orders), without notified addresses", async () => {
      const result = await executeOnSubgraph(server, ENTITIES_QUERY, { r: ALL }, COURT_LISTING);
      expect(result.data!._entities).toEqual([person("p1", false), person("p2", false), person("p3", false)]);
      expect(errorsOf(result)).toEqual([0, 1, 2].map((index) => outOfJurisdiction("_entities", index, "notifiedAddresses")));
    });

    it("may still read the estate data", async () => {
      const result = await executeOnSubgraph(
        server,
        `{ courts(force: "07", jurisdiction: MAGISTRATES) { code } forces { code } }`,
        undefined,
        COURT_LISTING,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.courts).toEqual([{ code: "B07DM" }, { code: "B07ED" }, { code: "B07FQ" }]);
      expect(result.data!.forces).toHaveLength(45);
    });
  });
});
