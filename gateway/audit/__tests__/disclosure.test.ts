import { buildSchema, parse, print, type OperationDefinitionNode } from "graphql";
import { AUDITED_ENTITIES, disclosedIdsOf } from "../../../domain/audited-entities";
import { AUDIT_KEY_PREFIX, consultsPersonalData, reservedAliasIn, takeDisclosure, withAuditKeys, type Disclosure } from "../disclosure";

/**
 * What the audit trail records of an operation: whether it consults personal
 * data at all (decided before anything runs), and which entities its response
 * actually disclosed (an object whose every field was withheld disclosed nothing).
 */
const schema = buildSchema(`
  type Query { person(id: ID!): Person forces: [Force!]! courts: [Court!]! spoStatistics: SpoStatistics order(id: ID!): StalkingProtectionOrder }
  type Mutation { reportBreach: BreachOffence noop: Boolean spoStatistics: SpoStatistics }
  type Person { id: ID! name: String orders: [StalkingProtectionOrder!]! }
  type StalkingProtectionOrder { id: ID! reference: String hearings: [CourtHearing!]! }
  type CourtHearing { id: ID! status: String }
  type BreachOffence { id: ID! status: String }
  type Force { code: ID! name: String }
  type Court { code: ID! }
  type SpoStatistics { count: Int }
`);
const operationOf = (query: string) => {
  const document = parse(query);
  return { document, operation: document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode };
};
const consults = (query: string) => {
  const { document, operation } = operationOf(query);
  return consultsPersonalData(schema, document, operation);
};

describe("consultsPersonalData", () => {
  it("is false for a query of estate data, statistics or introspection only", () => {
    expect(consults(`{ forces { code } courts { code } spoStatistics { count } __typename }`)).toBe(false);
    expect(consults(`{ ... { forces { code } } ...F } fragment F on Query { courts { code } }`)).toBe(false);
  });

  it("is true as soon as one root field reaches personal data, however it is spread", () => {
    expect(consults(`{ forces { code } person(id: "p") { id } }`)).toBe(true);
    expect(consults(`{ forces { code } ... { order(id: "o") { id } } }`)).toBe(true);
    expect(consults(`{ ...F } fragment F on Query { person(id: "p") { id } }`)).toBe(true);
  });

  it("is true for every mutation, even one returning no personal data", () => {
    expect(consults(`mutation { noop }`)).toBe(true);
    // Named like a query of statistics, it is still a mutation.
    expect(consults(`mutation { spoStatistics { count } }`)).toBe(true);
  });

  it("fails closed on a root field or fragment it does not know", () => {
    expect(consults(`{ unknown }`)).toBe(true);
    expect(consults(`{ ...Missing }`)).toBe(true);
  });

  it("walks a fragment once (a cycle in an unvalidated document ends)", () => {
    expect(consults(`{ ...A } fragment A on Query { forces { code } ...A }`)).toBe(false);
    expect(consults(`{ ...A ...A } fragment A on Query { forces { code } }`)).toBe(false);
  });
});

describe("reservedAliasIn", () => {
  it("finds the first alias a client chose in the gateway's prefix", () => {
    expect(AUDIT_KEY_PREFIX).toBe("__audit_");
    expect(reservedAliasIn(parse(`{ forces { code } a: forces { __audit_x: code __audit_y: name } }`))).toBe("__audit_x");
    expect(reservedAliasIn(parse(`{ forces { code x__audit_: name } }`))).toBeNull();
  });
});

describe("withAuditKeys", () => {
  it("adds the id and the type to every selection of an audited entity, and nowhere else", () => {
    const printed = print(withAuditKeys(schema, parse(`{ person(id: "p") { name orders { reference } } forces { code } }`))).replace(
      /\s+/g,
      " ",
    );
    expect(printed).toBe(
      `{ person(id: "p") { name orders { reference __audit_id: id __audit_type: __typename } __audit_id: id __audit_type: __typename } forces { code } }`,
    );
  });

  it("audits persons, orders, hearings and breach offences", () => {
    expect(AUDITED_ENTITIES.map((entity) => entity.type)).toEqual(["Person", "StalkingProtectionOrder", "CourtHearing", "BreachOffence"]);
  });
});

describe("takeDisclosure", () => {
  const ids = (disclosure: Disclosure, type: string) => disclosedIdsOf(disclosure.disclosed, type);
  const entity = (type: string, id: string, fields: Record<string, unknown>) => ({ __audit_type: type, __audit_id: id, ...fields });

  it("records each entity the response disclosed, once, by type in the audited order and sorted by id, and removes the audit keys", () => {
    const { operation } = operationOf(`{ person { name } }`);
    const data = {
      person: entity("Person", "p2", {
        name: "n",
        orders: [
          entity("StalkingProtectionOrder", "o2", {
            reference: "r",
            hearings: [entity("CourtHearing", "h2", { status: "LISTED" }), entity("CourtHearing", "h1", { status: "LISTED" })],
          }),
          entity("StalkingProtectionOrder", "o1", { reference: "r" }),
          entity("StalkingProtectionOrder", "o1", { reference: "r" }),
        ],
      }),
      other: entity("Person", "p1", { name: "m" }),
      breach: entity("BreachOffence", "b2", { status: "REPORTED" }),
      earlierBreach: entity("BreachOffence", "b1", { status: "REPORTED" }),
      forces: [{ code: "07" }],
    };
    expect(takeDisclosure(operation, data)).toEqual({
      disclosed: [
        { type: "Person", id: "p1" },
        { type: "Person", id: "p2" },
        { type: "StalkingProtectionOrder", id: "o1" },
        { type: "StalkingProtectionOrder", id: "o2" },
        { type: "CourtHearing", id: "h1" },
        { type: "CourtHearing", id: "h2" },
        { type: "BreachOffence", id: "b1" },
        { type: "BreachOffence", id: "b2" },
      ],
      changes: [],
    });
    expect(JSON.stringify(data)).not.toContain("__audit_");
  });

  it("counts an entity whose every field came back null or absent: its presence confirms it exists", () => {
    const { operation } = operationOf(`{ person { name } }`);
    const data = {
      a: entity("Person", "p1", { name: null }),
      b: entity("Person", "p2", {}),
      c: entity("Person", "p3", { name: undefined }),
    };
    expect(ids(takeDisclosure(operation, data), "Person")).toEqual(["p1", "p2", "p3"]);
    expect(data).toEqual({ a: { name: null }, b: {}, c: { name: undefined } });
  });

  it("does not count an entity withheld whole (null in the response): nothing says it exists", () => {
    const { operation } = operationOf(`{ person { name } }`);
    const data = { a: null, b: [null, entity("Person", "p4", { name: "n" })] };
    expect(ids(takeDisclosure(operation, data), "Person")).toEqual(["p4"]);
  });

  it("does not count an object of a type it does not audit, or one missing its id or type", () => {
    const { operation } = operationOf(`{ person { name } }`);
    const data = {
      force: entity("Force", "07", { name: "Cheshire" }),
      noId: { __audit_type: "Person", name: "n" },
      noType: { __audit_id: "p9", name: "n" },
      numericId: { __audit_type: "Person", __audit_id: 9, name: "n" },
    };
    expect(takeDisclosure(operation, data)).toEqual({ disclosed: [], changes: [] });
  });

  it("discloses nothing for no data", () => {
    const { operation } = operationOf(`{ person { name } }`);
    const empty = { disclosed: [], changes: [] };
    expect(takeDisclosure(operation, null)).toEqual(empty);
    expect(takeDisclosure(operation, undefined)).toEqual(empty);
  });

  it("for a mutation, records what each root field created or changed, under its name (not its alias)", () => {
    const { operation } = operationOf(`mutation { made: reportBreach { id } noop ... { reportBreach { id } } }`);
    const data = { made: entity("BreachOffence", "b1", { id: "b1" }), noop: true };
    expect(takeDisclosure(operation, data)).toMatchObject({
      disclosed: [{ type: "BreachOffence", id: "b1" }],
      changes: [{ field: "reportBreach", type: "BreachOffence", id: "b1" }],
    });
    const { operation: query } = operationOf(`{ made: person { id } }`);
    expect(takeDisclosure(query, { made: entity("Person", "p1", { id: "p1" }) }).changes).toEqual([]);
  });

  it("records no change for a root field that returned nothing or no entity", () => {
    const { operation } = operationOf(`mutation { reportBreach { id } }`);
    expect(takeDisclosure(operation, { reportBreach: null }).changes).toEqual([]);
    expect(takeDisclosure(operation, { reportBreach: { __audit_type: "BreachOffence", id: "b1" } }).changes).toEqual([]);
    expect(takeDisclosure(operation, { reportBreach: { __audit_id: "b1", id: "b1" } }).changes).toEqual([]);
  });
});
