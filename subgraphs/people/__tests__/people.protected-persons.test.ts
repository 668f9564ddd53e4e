import { randomUUID } from "node:crypto";
import type { DomainEvent } from "../../../platform/events/event";
import { ORDER_FACTS_CHANGED, type OrderFacts, type OrderFactsChangedPayload } from "../../../domain/order-facts/order-facts";
import { formatPncId } from "../../../domain/pnc";
import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph } from "../../../test/support/execute";
import { EVERY_SCOPE_NATIONAL, principalFor } from "../../../test/support/identity";
import { order } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { applyOrderFactsToPeople } from "../events/order-facts.consumer";
import { peopleSubgraph } from "../subgraph";

/**
 * A person who is only ever protected by orders exists, to any caller, only
 * if the caller holds person:protected and covers an order protecting them;
 * respondents are visible to every person:read caller in every force. Checked
 * by every way people reads a person: person(id), searchPeople by name and by
 * PNC ID, and _entities.
 */
const VICTIM_PNC = formatPncId(2010, 7654321);
const DOB = "1991-04-05";

function fixture() {
  const chunk = emptyChunk();
  const person = (id: string, forceCode: string, familyName: string, pncId: string | null = null) => ({
    id,
    forceCode,
    pncId,
    givenName: "Given",
    familyName,
    dateOfBirth: DOB,
  });
  chunk.people.persons.push(
    person("respondent", "07", "Quillfeather"),
    person("victim", "07", "Quillfeather", VICTIM_PNC),
    // Protected by the Cheshire order, and respondent to a Staffordshire one.
    person("both", "21", "Quillfeather"),
    // No order names them: no role is known.
    person("unknown", "07", "Quillfeather"),
  );
  chunk.orders.orders.push(
    order({ id: "o-cheshire", kind: "FULL", applicantForceCode: "07", courtCode: "B07ED", respondentId: "respondent" }),
    order({ id: "o-staffs", kind: "INTERIM", applicantForceCode: "21", courtCode: "B21DA", respondentId: "both" }),
  );
  chunk.orders.protectedPersons.push({ orderId: "o-cheshire", personId: "victim" }, { orderId: "o-cheshire", personId: "both" });
  return chunk;
}

const NORTH_WEST = forcesInRegion("NORTH_WEST").map((force) => force.code);
const WEST_MIDLANDS = forcesInRegion("WEST_MIDLANDS").map((force) => force.code);

/** Every persona that can reach Person at all, in and out of the Cheshire order's jurisdiction; `seesVictim` is the rule. */
const CALLERS: { label: string; principal: Principal; seesVictim: boolean }[] = [
  { label: "a national caller with person:protected", principal: EVERY_SCOPE_NATIONAL, seesVictim: true },
  { label: "national-analyst (no person:protected)", principal: principalFor("national-analyst", { kind: "national" }), seesVictim: false },
  { label: "force-officer (07)", principal: principalFor("force-officer", { kind: "forces", forces: ["07"] }), seesVictim: true },
  { label: "force-officer (21)", principal: principalFor("force-officer", { kind: "forces", forces: ["21"] }), seesVictim: false },
  {
    label: "regional-officer (North West)",
    principal: principalFor("regional-officer", { kind: "forces", forces: NORTH_WEST }),
    seesVictim: true,
  },
  {
    label: "regional-officer (West Midlands)",
    principal: principalFor("regional-officer", { kind: "forces", forces: WEST_MIDLANDS }),
    seesVictim: false,
  },
  {
    label: "court-listing (B07ED, no person:protected)",
    principal: principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }),
    seesVictim: false,
  },
];

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name { family } dateOfBirth pncId } } }`;

describe("people subgraph: protected persons", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server } = await startSubgraphUnderTest(peopleSubgraph, [fixture()], "2026-11-22"));
  });
  afterAll(() => database.dispose());

  interface Found {
    entities: string[];
    /** Not for court callers, who may not look people up or search (another test's business). */
    byId?: string[];
    byName?: string[];
    byPnc?: string[];
    errors: unknown[];
  }

  /** The ids of the people `principal` finds by each path, with every error seen. */
  async function visibleIds(principal: Principal, ids: string[]): Promise<Found> {
    const entities = await executeOnSubgraph(server, ENTITIES, { r: ids.map((id) => ({ __typename: "Person", id })) }, principal);
    const found = { entities: (entities.data!._entities as ({ id: string } | null)[]).flatMap((person) => (person ? [person.id] : [])) };
    const errors = [...(entities.errors ?? [])];
    if (principal.jurisdiction.kind === "courts") return { ...found, errors };
    const byId = await Promise.all(
      ids.map(
        async (id) => (await executeOnSubgraph(server, `query($id: ID!) { person(id: $id) { id } }`, { id }, principal)).data!.person?.id,
      ),
    );
    const byName = await executeOnSubgraph(
      server,
      `{ searchPeople(search: { familyName: "quillfeather", dateOfBirth: "${DOB}" }) { id } }`,
      {},
      principal,
    );
    const byPnc = await executeOnSubgraph(server, `{ searchPeople(search: { pncId: "${VICTIM_PNC}" }) { id } }`, {}, principal);
    errors.push(...(byName.errors ?? []), ...(byPnc.errors ?? []));
    return {
      ...found,
      byId: byId.filter(Boolean),
      byName: byName.data!.searchPeople.map((person: { id: string }) => person.id).sort(),
      byPnc: byPnc.data!.searchPeople.map((person: { id: string }) => person.id),
      errors,
    };
  }

  it.each(CALLERS.map((caller) => [caller.label, caller] as const))(
    "%s finds the victim by every path exactly when it may see them, respondents always, and no error confirms the victim",
    async (_label, { principal, seesVictim }) => {
      const found = await visibleIds(principal, ["respondent", "victim", "both", "unknown"]);
      const expected = seesVictim ? ["both", "respondent", "victim"] : ["both", "respondent"];
      expect(found.entities.sort()).toEqual(expected);
      expect(found.errors).toEqual([]);
      if (principal.jurisdiction.kind === "courts") return;
      expect(found.byId!.sort()).toEqual(expected);
      expect(found.byName).toEqual(expected);
      expect(found.byPnc).toEqual(seesVictim ? ["victim"] : []);
    },
  );

  it("shows a person no order names to nobody, not even a national caller holding every scope", async () => {
    const found = await visibleIds(EVERY_SCOPE_NATIONAL, ["unknown"]);
    expect(found).toMatchObject({ entities: [], byId: [], errors: [] });
    expect(found.byName!).not.toContain("unknown");
  });

  describe("roles kept current by the order-facts stream", () => {
    const facts = (id: string, applicantForceCode: string, respondentId: string): OrderFacts => ({
      id,
      kind: "INTERIM",
      applicantForceCode,
      courtCode: null,
      respondentId,
      appliedOn: "2026-11-01",
      madeOn: "2026-11-02",
      expiresOn: null,
      untilFurtherOrder: false,
      endedOn: null,
      endReason: null,
      supersedesId: null,
      managingForceCode: null,
      servedOn: null,
      version: 2,
    });
    const orderFactsChanged = (order: OrderFacts, protectedPersonIds: string[]): DomainEvent<OrderFactsChangedPayload> => ({
      id: randomUUID(),
      type: ORDER_FACTS_CHANGED,
      occurredAt: "2026-11-22T10:00:00Z",
      payload: { order, parties: { respondentId: order.respondentId, protectedPersonIds }, madeAtHearingId: null },
    });
    const apply = (event: DomainEvent) => database.db.transaction((tx) => applyOrderFactsToPeople(tx, event));
    const staffordshireOfficer = principalFor("force-officer", { kind: "forces", forces: ["21"] });
    const cheshireOfficer = principalFor("force-officer", { kind: "forces", forces: ["07"] });
    const analyst = principalFor("national-analyst", { kind: "national" });
    const seenBy = async (principal: Principal, id: string) =>
      (await executeOnSubgraph(server, `query($id: ID!) { person(id: $id) { id } }`, { id }, principal)).data!.person?.id ?? null;

    beforeAll(async () => {
      await database.db.query(
        `INSERT INTO person (id, force_code, given_name, family_name, date_of_birth) VALUES ('newly-protected', '21', 'New', 'Person', '1990-01-01'),
                ('new-respondent', '21', 'Other', 'Person', '1980-01-01')`,
      );
    });

    it("a person named protected by a new order is hidden from the first moment, then visible only to callers covering that order", async () => {
      for (const principal of [EVERY_SCOPE_NATIONAL, staffordshireOfficer, analyst])
        expect(await seenBy(principal, "newly-protected")).toBeNull();
      await apply(orderFactsChanged(facts("o-new", "21", "new-respondent"), ["newly-protected"]));
      expect(await seenBy(staffordshireOfficer, "newly-protected")).toBe("newly-protected");
      expect(await seenBy(EVERY_SCOPE_NATIONAL, "newly-protected")).toBe("newly-protected");
      expect(await seenBy(cheshireOfficer, "newly-protected")).toBeNull();
      expect(await seenBy(analyst, "newly-protected")).toBeNull();
      // The same event made its respondent a respondent: visible to every person:read caller.
      expect(await seenBy(analyst, "new-respondent")).toBe("new-respondent");
      expect(await seenBy(cheshireOfficer, "new-respondent")).toBe("new-respondent");
    });

    it("an event published before events carried parties makes its respondent visible and names no protected person", async () => {
      const { parties: _none, ...older } = orderFactsChanged(facts("o-older", "21", "older-respondent"), []).payload;
      await database.db.query(
        `INSERT INTO person (id, force_code, given_name, family_name) VALUES ('older-respondent', '21', 'Old', 'Event')`,
      );
      await apply({ id: randomUUID(), type: ORDER_FACTS_CHANGED, occurredAt: "2026-11-22T10:00:00Z", payload: older });
      expect(await seenBy(analyst, "older-respondent")).toBe("older-respondent");
      const [{ count }] = await database.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM person_role WHERE order_id = 'o-older'`,
      );
      expect(count).toBe(1);
    });

    it("a redelivered event changes nothing, and a protected person who becomes a respondent is then visible as one", async () => {
      const event = orderFactsChanged(facts("o-new", "21", "new-respondent"), ["newly-protected"]);
      await apply(event);
      await apply(event);
      const [{ count }] = await database.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM person_role WHERE order_id = 'o-new'`,
      );
      expect(count).toBe(2);
      expect(await seenBy(analyst, "newly-protected")).toBeNull();
      await apply(orderFactsChanged(facts("o-against-them", "07", "newly-protected"), []));
      expect(await seenBy(analyst, "newly-protected")).toBe("newly-protected");
    });
  });
});
