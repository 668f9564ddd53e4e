import { getNamedType, isObjectType, type GraphQLSchema } from "graphql";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { jurisdictionOf } from "../platform/subgraph/access-table";
import { subgraphSchema } from "../platform/subgraph/subgraph";
import { SUBGRAPHS } from "../subgraphs/registry";

/**
 * Tripwires for the jurisdiction tables: a free-text field added later must
 * be declared case notes (or sit on a type that is itself detail), or this
 * fails before the field ever reaches a caller.
 */
const FREE_TEXT_NAME = /(note|notes|description|sentence|comment|narrative|text|reason)$/i;

function freeTextFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith("_") && !["Query", "Mutation"].includes(type.name))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => getNamedType(field.type).name === "String" && FREE_TEXT_NAME.test(field.name))
        .map((field) => `${type.name}.${field.name}`),
    );
}

describe.each(SUBGRAPH_NAMES)("jurisdiction table of %s", (name) => {
  it("declares every free-text field case notes, unless its whole type is detail", async () => {
    const table = jurisdictionOf(SUBGRAPHS[name].access);
    const unguarded = freeTextFields(await subgraphSchema(SUBGRAPHS[name])).filter((key) => {
      const typeName = key.split(".")[0];
      return table.fields[key]?.protection !== "case-notes" && table.types[typeName]?.protection !== "detail";
    });
    expect(unguarded).toEqual([]);
  });
});

it("finds the free-text fields the API has today (the tripwire is armed)", async () => {
  const all = (await Promise.all(SUBGRAPH_NAMES.map(async (name) => freeTextFields(await subgraphSchema(SUBGRAPHS[name]))))).flat();
  expect(all).toEqual(
    expect.arrayContaining([
      "CourtHearing.outcomeNote",
      "OrderEvent.note",
      "BreachOffence.description",
      "BreachOffence.sentence",
      "OrderTerm.description",
    ]),
  );
});

/**
 * An order's detail is covered by its applicant force AND the force managing it (after a transfer of management,
 * s.14(1)): every record rule that finds an order's force by its applicant force finds its managing force too, in
 * every subgraph that decides detail access (orders, and the order-facts copies hearings, breaches and people keep).
 */
describe.each(SUBGRAPH_NAMES)("jurisdiction table of %s, after a transfer of management", (name) => {
  it("finds the managing force wherever it finds the applicant force", () => {
    const table = jurisdictionOf(SUBGRAPHS[name].access);
    const byApplicantOnly = Object.entries(table.fields)
      .map(([key, rule]) => [key, "record" in rule ? rule.record.foundBy : rule.filteredBy] as const)
      .filter(([, foundBy]) => /applicant force/.test(foundBy) && !/managing force|force managing it/.test(foundBy))
      .map(([key]) => key);
    expect(byApplicantOnly).toEqual([]);
  });
});
