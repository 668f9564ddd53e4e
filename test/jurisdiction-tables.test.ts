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
