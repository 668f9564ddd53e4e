import { getNamedType, isObjectType } from "graphql";
import { readFileSync } from "node:fs";
import { AuthorizationPolicy } from "../gateway/authz/policy";
import { repoPath } from "../platform/repo-root";
import { SCOPES_OF_FIELD, SCOPES_OF_TYPE } from "./support/access-spec";
import { composedApiSchema } from "./support/read-everything";

/**
 * The independent statement of the scope rules (test/support/access-spec.ts)
 * and the rules the subgraphs declare must not drift apart silently: a rule
 * added to an access.ts without the spec would leave the defence-in-depth and
 * matrix tests checking an older, weaker model. Either both change or this fails.
 */
const requirements = AuthorizationPolicy.fromSupergraph(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8")).policy.describe();
const scopesOf = (requirement: string) => (requirement === "authenticated" ? [] : requirement.split(" and ").sort());

describe("the access spec and the declared scope rules", () => {
  it("states every type rule the supergraph carries, with the same scopes", () => {
    const declared = [...requirements].filter(([key, requirement]) => !key.includes(".") && requirement !== "authenticated");
    const stated = Object.fromEntries(declared.map(([key]) => [key, [...(SCOPES_OF_TYPE[key] ?? [])].sort()]));
    expect(stated).toEqual(Object.fromEntries(declared.map(([key, requirement]) => [key, scopesOf(requirement)])));
  });

  it("states every field rule: its own scopes, or those of the type it returns", async () => {
    const schema = await composedApiSchema();
    const unstated = [...requirements]
      .filter(([key, requirement]) => key.includes(".") && requirement !== "authenticated")
      .filter(([key, requirement]) => {
        const [typeName, fieldName] = key.split(".");
        const type = schema.getType(typeName);
        const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
        const returned = field ? getNamedType(field.type).name : "";
        const stated = new Set([...(SCOPES_OF_FIELD[key] ?? []), ...(SCOPES_OF_TYPE[returned] ?? [])]);
        return !scopesOf(requirement).every((scope) => stated.has(scope));
      })
      .map(([key, requirement]) => `${key}: ${requirement}`);
    expect(unstated).toEqual([]);
  });

  it("states no field rule the supergraph does not carry", () => {
    const wrong = Object.entries(SCOPES_OF_FIELD)
      .filter(([key, scopes]) => JSON.stringify(scopesOf(requirements.get(key) ?? "authenticated")) !== JSON.stringify([...scopes].sort()))
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
