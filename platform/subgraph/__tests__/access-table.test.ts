import { scope } from "../access-rules";
import { defineAccess, jurisdictionOf, scopeRulesOf } from "../access-table";

const covered = { foundBy: "the record's force", covers: () => true };

const TABLE = defineAccess<unknown>({
  types: {
    Thing: { requires: scope("thing:read"), protection: "summary", visibility: "every thing" },
    Place: { protection: "shared", visibility: "every caller" },
  },
  fields: {
    "Query.thing": { requires: scope("thing:read") },
    "Thing.note": { requires: scope("spo:terms"), protection: "case-notes", record: covered },
    "Thing.links": { protection: "detail", filteredBy: "only the links the caller covers" },
  },
});

describe("one access table, split", () => {
  it("gives the scope rules of every type and field that states one, and of no other", () => {
    expect(scopeRulesOf(TABLE)).toEqual({
      Thing: scope("thing:read"),
      "Query.thing": scope("thing:read"),
      "Thing.note": scope("spo:terms"),
    });
  });

  it("gives the jurisdiction table: every type's class, and the fields with a record rule, in the table's order, without their scopes", () => {
    const jurisdiction = jurisdictionOf(TABLE);
    expect(jurisdiction.types).toEqual({
      Thing: { protection: "summary", visibility: "every thing" },
      Place: { protection: "shared", visibility: "every caller" },
    });
    expect(jurisdiction.fields).toEqual({
      "Thing.note": { protection: "case-notes", record: covered },
      "Thing.links": { protection: "detail", filteredBy: "only the links the caller covers" },
    });
    expect(Object.keys(jurisdiction.fields)).toEqual(["Thing.note", "Thing.links"]);
  });
});
