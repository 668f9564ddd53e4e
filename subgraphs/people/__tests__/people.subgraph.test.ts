import { fixedClock } from "../../../platform/clock";
import { formatPncId } from "../../../domain/pnc";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, insertChunks, openTestDatabase, type TestDatabase } from "../../../test/support/database";
import { respondentOrders } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph } from "../../../test/support/execute";
import { createTestSubgraphServer } from "../../../test/support/identity";
import { peopleSubgraph } from "../subgraph";

const RESPONDENT_PNC = formatPncId(2004, 1234567);

function fixture() {
  const chunk = emptyChunk();
  chunk.people.persons.push(
    { id: "p1", forceCode: "07", pncId: RESPONDENT_PNC, givenName: "Adam", familyName: "Exampleton", dateOfBirth: "1980-05-01" },
    { id: "p2", forceCode: "21", pncId: null, givenName: "Beth", familyName: "Sampleford", dateOfBirth: "1990-01-02" },
    { id: "p3", forceCode: "21", pncId: null, givenName: "Carl", familyName: "Other", dateOfBirth: "1980-05-01" },
  );
  chunk.people.aliases.push(
    { personId: "p3", position: 0, givenName: "Carl", familyName: "EXAMPLETON" },
    { personId: "p1", position: 1, givenName: "Ad", familyName: "Exton" },
    { personId: "p1", position: 0, givenName: "Adam", familyName: "Example" },
  );
  chunk.people.addresses.push(
    { id: "a2", personId: "p1", forceCode: "07", address: "2 New Road, Runcorn", notifiedOn: "2021-03-01", policeStation: "Runcorn" },
    { id: "a1", personId: "p1", forceCode: "07", address: "1 Old Road, Runcorn", notifiedOn: "2020-09-01", policeStation: null },
  );
  // Respondents: people shows an identity only once it knows the person's part in an order.
  chunk.orders.orders.push(...respondentOrders(chunk.people.persons));
  return chunk;
}

describe("people subgraph", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server } = await startSubgraphUnderTest(peopleSubgraph, [fixture()], "2026-11-22"));
  });
  afterAll(() => database.dispose());

  it("lists all 45 forces (43 territorial, British Transport Police, Ministry of Defence Police) in code order with their regions", async () => {
    const { data, errors } = await executeOnSubgraph(server, `{ forces { code name region } }`);
    expect(errors).toBeUndefined();
    expect(data!.forces).toHaveLength(45);
    expect(data!.forces.map((f: { code: string }) => f.code)).toEqual([...data!.forces.map((f: { code: string }) => f.code)].sort());
    expect(data!.forces).toContainEqual({ code: "07", name: "Cheshire Constabulary", region: "NORTH_WEST" });
    expect(data!.forces).toContainEqual({ code: "93", name: "British Transport Police", region: "NATIONAL" });
    expect(data!.forces).toContainEqual({ code: "94", name: "Ministry of Defence Police", region: "NATIONAL" });
  });

  it("lists a force's courts, real and synthetic, and refuses an unknown force code", async () => {
    const cheshire = await executeOnSubgraph(server, `{ courts(force: "07") { code name alsoKnownAs jurisdiction force { code } } }`);
    expect(cheshire.data!.courts.map((c: { code: string; jurisdiction: string }) => [c.code, c.jurisdiction])).toEqual([
      ["B07DM", "MAGISTRATES"],
      ["B07ED", "MAGISTRATES"],
      ["B07FQ", "MAGISTRATES"],
      ["B07YC", "YOUTH"],
      ["C07CH", "CROWN"],
      ["C07WA", "CROWN"],
    ]);
    expect(cheshire.data!.courts[1].alsoKnownAs).toEqual(["Cheshire East Magistrates' Court"]);
    const crown = await executeOnSubgraph(server, `{ courts(force: "21", jurisdiction: CROWN) { code jurisdiction } }`);
    expect(crown.data!.courts).toEqual([
      { code: "C21SF", jurisdiction: "CROWN" },
      { code: "C21ST", jurisdiction: "CROWN" },
    ]);
    const all = await executeOnSubgraph(server, `{ courts { code force { code } } }`);
    const forcesWithCourts = new Set(all.data!.courts.map((c: { force: { code: string } }) => c.force.code));
    expect(forcesWithCourts.size).toBe(45);
    const unknown = await executeOnSubgraph(server, `{ courts(force: "99") { code } }`);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "force" });
    expect(unknown.errors?.[0].message).toContain('unknown force code "99"');
  });

  it("returns a person with aliases and notified addresses in order", async () => {
    const { data } = await executeOnSubgraph(
      server,
      `{ person(id: "p1") { id pncId name { given family } dateOfBirth aliases { given family } notifiedAddresses { address notifiedOn policeStation } } }`,
    );
    expect(data!.person).toEqual({
      id: "p1",
      pncId: RESPONDENT_PNC,
      name: { given: "Adam", family: "Exampleton" },
      dateOfBirth: "1980-05-01",
      aliases: [
        { given: "Adam", family: "Example" },
        { given: "Ad", family: "Exton" },
      ],
      notifiedAddresses: [
        { address: "1 Old Road, Runcorn", notifiedOn: "2020-09-01", policeStation: null },
        { address: "2 New Road, Runcorn", notifiedOn: "2021-03-01", policeStation: "Runcorn" },
      ],
    });
  });

  it("finds by PNC ID in long and short form, and names the field when the check character is wrong", async () => {
    const long = await executeOnSubgraph(server, `query($p: String) { searchPeople(search: { pncId: $p }) { id } }`, { p: RESPONDENT_PNC });
    expect(long.data!.searchPeople).toEqual([{ id: "p1" }]);
    const short = await executeOnSubgraph(server, `query($p: String) { searchPeople(search: { pncId: $p }) { id } }`, {
      p: RESPONDENT_PNC.slice(2).toLowerCase(),
    });
    expect(short.data!.searchPeople).toEqual([{ id: "p1" }]);
    const wrongCheck = RESPONDENT_PNC.slice(0, -1) + (RESPONDENT_PNC.endsWith("A") ? "B" : "A");
    const bad = await executeOnSubgraph(server, `query($p: String) { searchPeople(search: { pncId: $p }) { id } }`, { p: wrongCheck });
    expect(bad.data).toBeNull();
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "search.pncId" });
    expect(bad.errors?.[0].message).toMatch(/check character/);
  });

  it("finds by family name and date of birth case-insensitively, through aliases too", async () => {
    const { data } = await executeOnSubgraph(
      server,
      `{ searchPeople(search: { familyName: "exampleton", dateOfBirth: "1980-05-01" }) { id } }`,
    );
    expect(data!.searchPeople.map((p: { id: string }) => p.id).sort()).toEqual(["p1", "p3"]);
    const narrowed = await executeOnSubgraph(
      server,
      `{ searchPeople(search: { familyName: "EXAMPLETON", givenName: "carl", dateOfBirth: "1980-05-01" }) { id } }`,
    );
    expect(narrowed.data!.searchPeople).toEqual([{ id: "p3" }]);
    const otherDob = await executeOnSubgraph(
      server,
      `{ searchPeople(search: { familyName: "Exampleton", dateOfBirth: "1980-05-02" }) { id } }`,
    );
    expect(otherDob.data!.searchPeople).toEqual([]);
  });

  it("refuses a search with neither a PNC ID nor family name and date of birth", async () => {
    const { errors } = await executeOnSubgraph(server, `{ searchPeople(search: { familyName: "Exampleton" }) { id } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "search" });
  });

  it("resolves Person, Force and Court entities in key order with null for unknown keys", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { id name { family } }
        ... on Force { code forceName: name }
        ... on Court { code courtName: name }
      } }`,
      {
        r: [
          { __typename: "Person", id: "p2" },
          { __typename: "Person", id: "missing" },
          { __typename: "Force", code: "21" },
          { __typename: "Person", id: "p1" },
          { __typename: "Court", code: "B21DA" },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: "p2", name: { family: "Sampleford" } },
      null,
      { code: "21", forceName: "Staffordshire Police" },
      { id: "p1", name: { family: "Exampleton" } },
      { code: "B21DA", courtName: "Cannock Magistrates' Court" },
    ]);
  });
});

describe("people search across spellings", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const search = async (familyName: string, givenName?: string) =>
    (
      await executeOnSubgraph(
        server,
        `query($f: String, $g: String) { searchPeople(search: { familyName: $f, givenName: $g, dateOfBirth: "1985-03-04" }) { id } }`,
        {
          f: familyName,
          g: givenName,
        },
      )
    ).data!.searchPeople.map((person: { id: string }) => person.id);

  beforeAll(async () => {
    database = await openTestDatabase(peopleSubgraph);
    const chunk = emptyChunk();
    const person = (id: string, givenName: string, familyName: string, dateOfBirth = "1985-03-04") => ({
      id,
      forceCode: "07",
      pncId: null,
      givenName,
      familyName,
      dateOfBirth,
    });
    chunk.people.persons.push(
      person("muller", "Hans", "Muller"),
      person("mueller-accented", "Hans", "Müller"),
      person("obrien", "Seán", "O'Brien"),
      person("alias-holder", "Zoë", "Smith-Jones"),
      person("other-dob", "Hans", "Müller", "1985-03-05"),
    );
    chunk.people.aliases.push({ personId: "alias-holder", position: 0, givenName: "Zoe", familyName: "Müller" });
    chunk.orders.orders.push(...respondentOrders(chunk.people.persons));
    await insertChunks(database.db, peopleSubgraph, [chunk]);
    server = (await createTestSubgraphServer(peopleSubgraph, database.db, fixedClock("2026-11-22"))) as SubgraphServer<unknown>;
  });
  afterAll(() => database.dispose());

  it("ignores accents, case and punctuation, and ranks the exact spelling first, then own names, then aliases", async () => {
    expect(await search("Müller")).toEqual(["mueller-accented", "muller", "alias-holder"]);
    // No exact spelling: both own-name matches tie (their order is the collation's), the alias comes last.
    const upper = await search("MULLER");
    expect(upper.slice(0, 2).sort()).toEqual(["mueller-accented", "muller"]);
    expect(upper[2]).toBe("alias-holder");
    expect(await search("Muller")).toEqual(["muller", "mueller-accented", "alias-holder"]);
  });

  it("matches O'Brien written without the apostrophe and Seán without the accent", async () => {
    expect(await search("obrien", "sean")).toEqual(["obrien"]);
    expect(await search("O Brien")).toEqual(["obrien"]);
  });

  it("narrows by given name on the name that matched, alias included", async () => {
    expect(await search("Muller", "zoe")).toEqual(["alias-holder"]);
    expect(await search("smith jones", "ZOË")).toEqual(["alias-holder"]);
  });
});
