import { buildSchema, graphql, type GraphQLSchema } from "graphql";
import { enforceJurisdiction, jurisdictionRows, type JurisdictionTable } from "../jurisdiction-table";
import type { Principal } from "../../identity/principal";

/**
 * Record-level access on a small schema of its own: a guarded field is
 * released only to a caller covering its record (else null with
 * FORBIDDEN / OUT_OF_JURISDICTION, and its resolver never runs); a filtered
 * field and unguarded fields are left alone; and a table that leaves a type
 * unclassified or names what the schema lacks stops the subgraph at start.
 * Root types and federation's _Service need no entry.
 */
const SDL = `
  type Query { case(id: ID!): Case forces: [Force!]! }
  type Mutation { noop: Boolean }
  type Subscription { tick: Int }
  type _Service { sdl: String }
  type Case { id: ID! force: String! notes: String victims: [String!]! }
  type Force { code: ID! }
`;
type Context = { principal: Principal };

const forces = (...codes: string[]): Principal => ({
  sub: "t",
  persona: null,
  scopes: [],
  jurisdiction: { kind: "forces", forces: codes },
  purpose: null,
});

function table(overrides: Partial<JurisdictionTable<Context>> = {}): JurisdictionTable<Context> {
  return {
    types: {
      Case: { protection: "summary", visibility: "every caller with the scope" },
      Force: { protection: "shared", visibility: "everyone" },
    },
    fields: {
      "Case.notes": {
        protection: "case-notes",
        record: {
          foundBy: "the case's force",
          covers: async (principal, record: { force: string }) =>
            principal.jurisdiction.kind === "forces" && principal.jurisdiction.forces.includes(record.force),
        },
      },
      "Case.victims": { protection: "protected-person", filteredBy: "SQL, to the caller's forces" },
    },
    ...overrides,
  };
}

function schemaWith(jurisdiction: JurisdictionTable<Context>, notesRead: string[] = []): GraphQLSchema {
  const schema = buildSchema(SDL);
  const fields = schema.getQueryType()!.getFields();
  fields.case.resolve = (_source, args: { id: string }) => ({ id: args.id, force: "07", victims: ["v"] });
  const notes = (schema.getType("Case") as import("graphql").GraphQLObjectType).getFields().notes;
  notes.resolve = (source: { id: string }) => {
    notesRead.push(source.id);
    return "what she said";
  };
  return enforceJurisdiction(schema, jurisdiction);
}

describe("enforceJurisdiction", () => {
  const query = `{ case(id: "c1") { id force notes victims } }`;

  it("releases a guarded field to a caller covering its record", async () => {
    const result = await graphql({ schema: schemaWith(table()), source: query, contextValue: { principal: forces("07") } });
    expect(result).toEqual({ data: { case: { id: "c1", force: "07", notes: "what she said", victims: ["v"] } } });
  });

  it("withholds it from any other caller, with FORBIDDEN / OUT_OF_JURISDICTION, without running its resolver", async () => {
    const notesRead: string[] = [];
    const result = await graphql({ schema: schemaWith(table(), notesRead), source: query, contextValue: { principal: forces("21") } });
    expect(result.data).toEqual({ case: { id: "c1", force: "07", notes: null, victims: ["v"] } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: "Outside your jurisdiction",
        path: ["case", "notes"],
        extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" },
      }),
    ]);
    expect(notesRead).toEqual([]);
  });

  it("leaves fields filtered in SQL and unguarded fields with their own resolvers", () => {
    const plain = buildSchema(SDL);
    const victims = (plain.getType("Case") as import("graphql").GraphQLObjectType).getFields().victims;
    const before = victims.resolve;
    enforceJurisdiction(plain, table());
    expect(victims.resolve).toBe(before);
    expect(schemaWith(table()).getQueryType()!.getFields().forces.resolve).toBeUndefined();
  });

  it("guards a field that had no resolver of its own (the default one reads the property)", async () => {
    const schema = buildSchema(SDL);
    schema.getQueryType()!.getFields().case.resolve = () => ({ id: "c1", force: "07", notes: "n", victims: [] });
    enforceJurisdiction(schema, table());
    const covered = await graphql({ schema, source: `{ case(id: "c1") { notes } }`, contextValue: { principal: forces("07") } });
    expect(covered).toEqual({ data: { case: { notes: "n" } } });
    const other = await graphql({ schema, source: `{ case(id: "c1") { notes } }`, contextValue: { principal: forces("01") } });
    expect(other.data).toEqual({ case: { notes: null } });
  });

  it("refuses a table that leaves an object type unclassified (root types need no entry)", () => {
    expect(() => schemaWith(table({ types: { Case: { protection: "summary", visibility: "v" } } }))).toThrow(
      "Jurisdiction table classifies no protection for: Force",
    );
    expect(() => enforceJurisdiction(buildSchema(SDL), table({ types: {}, fields: {} }))).toThrow(
      "Jurisdiction table classifies no protection for: Case, Force",
    );
  });

  it("refuses a table naming a type or a field the schema does not have", () => {
    const types = {
      ...table().types,
      Ghost: { protection: "detail" as const, visibility: "v" },
      Phantom: { protection: "detail" as const, visibility: "v" },
    };
    expect(() => schemaWith(table({ types }))).toThrow("Jurisdiction table names types this subgraph does not have: Ghost, Phantom");
    expect(() => schemaWith(table({ types: { ...table().types, Query: { protection: "shared", visibility: "v" } } }))).toThrow(
      "Jurisdiction table names types this subgraph does not have: Query",
    );
    expect(() => schemaWith(table({ fields: { "Case.ghost": { protection: "detail", filteredBy: "x" } } }))).toThrow(
      "Jurisdiction table names no field of this subgraph: Case.ghost",
    );
    expect(() => schemaWith(table({ fields: { "Nope.notes": { protection: "detail", filteredBy: "x" } } }))).toThrow(
      "Jurisdiction table names no field of this subgraph: Nope.notes",
    );
  });
});

describe("jurisdictionRows", () => {
  it("renders every type and field as a README row", () => {
    expect(jurisdictionRows("cases", table())).toEqual([
      "| cases | `Case` | summary | every caller with the scope |",
      "| cases | `Force` | shared | everyone |",
      "| cases | `Case.notes` | case-notes | caller must cover the case's force; otherwise null + FORBIDDEN/OUT_OF_JURISDICTION |",
      "| cases | `Case.victims` | protected-person | SQL, to the caller's forces |",
    ]);
  });
});
