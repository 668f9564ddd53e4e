import { getNamedType, isEnumType, isInputObjectType, isObjectType, isScalarType } from "graphql";
import { INPUT_PROTECTION, OPEN_SCALARS } from "../domain/input-protection";
import { SUBGRAPHS } from "../subgraphs/registry";
import { jurisdictionOf } from "../platform/subgraph/access-table";
import { composedApiSchema } from "./support/read-everything";

/**
 * The classification of the API's inputs (domain/input-protection.ts) is
 * complete and agrees with the subgraphs' jurisdiction tables: every input
 * that could carry personal data is classified (so none is hashed only by the
 * fail-closed default, unnoticed), every entry names a real input, and each
 * case-notes or identity input names the output it writes or matches, which
 * the tables classify the same way.
 */
const TABLES = Object.values(SUBGRAPHS).map((definition) => jurisdictionOf(definition.access));

describe("input classification", () => {
  it("covers every input of the API that is not an id, a number, a flag or an enum, and names only real inputs", async () => {
    const schema = await composedApiSchema();
    const positions = new Map<string, string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields())) positions.set(`${type.name}.${field.name}`, getNamedType(field.type).name);
      if (isObjectType(type))
        for (const field of Object.values(type.getFields()))
          for (const arg of field.args) positions.set(`${type.name}.${field.name}(${arg.name})`, getNamedType(arg.type).name);
    }
    const needing = [...positions].filter(([, leaf]) => {
      const type = schema.getType(leaf);
      return !(isInputObjectType(type) || isEnumType(type) || (isScalarType(type) && OPEN_SCALARS.has(leaf)));
    });
    expect(needing.map(([position]) => position).filter((position) => !INPUT_PROTECTION[position])).toEqual([]);
    expect(Object.keys(INPUT_PROTECTION).filter((position) => !positions.has(position))).toEqual([]);
  });

  it("each case-notes input writes a case-notes field; each identity input matches an identity type", () => {
    const fieldRule = (name: string) => TABLES.map((table) => table.fields[name]).find(Boolean);
    const typeRule = (name: string) => TABLES.map((table) => table.types[name]).find(Boolean);
    for (const [position, rule] of Object.entries(INPUT_PROTECTION)) {
      if (rule.protection === "open") {
        expect({ position, why: rule.why }).toEqual({ position, why: expect.any(String) });
        continue;
      }
      if (rule.protection === "case-notes" && rule.as === undefined) {
        expect({ position, why: rule.why }).toEqual({ position, why: expect.any(String) });
        continue;
      }
      expect({ position, as: rule.as }).toEqual({ position, as: expect.any(String) });
      if (rule.protection === "case-notes")
        expect({ position, protection: fieldRule(rule.as!)?.protection }).toEqual({ position, protection: "case-notes" });
      else expect({ position, protection: typeRule(rule.as!)?.protection }).toEqual({ position, protection: "identity" });
    }
    expect(Object.keys(SUBGRAPHS).length).toBe(TABLES.length);
  });
});
