import { readFileSync } from "node:fs";
import { repoPath } from "../platform/repo-root";
import { accessTableDoc, jurisdictionTableDoc } from "../dev/schema/access-table";
import { COMPOSED_SUBGRAPH_NAMES, composeSupergraph, contractBreakingChanges, type Composition } from "../dev/schema/composition";

/** The checked-in schema files are what the code produces, and the API keeps the public contract. */
describe("schema files", () => {
  let composition: Composition;
  beforeAll(async () => {
    composition = await composeSupergraph();
  });

  it.each(COMPOSED_SUBGRAPH_NAMES)(
    "schema/subgraphs/%s.graphql matches the code (run npm run compose after changing a subgraph)",
    (name) => {
      expect(readFileSync(repoPath("schema", "subgraphs", `${name}.graphql`), "utf8")).toBe(composition.subgraphSdl[name]);
    },
  );

  it("schema/supergraph.graphql is the composition of the subgraphs (run npm run compose)", () => {
    expect(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8")).toBe(composition.supergraphSdl);
  });

  it("docs/generated/access.md is the table the supergraph's directives give (run npm run compose)", () => {
    const doc = accessTableDoc(composition.supergraphSdl);
    expect(readFileSync(repoPath(doc.path), "utf8")).toBe(doc.content);
    expect(doc.content).toContain("| `StalkingProtectionOrder.protectedPersons` | person:protected |");
  });

  it("docs/generated/jurisdiction.md is the table the subgraphs declare and enforce (run npm run compose)", () => {
    const doc = jurisdictionTableDoc();
    expect(readFileSync(repoPath(doc.path), "utf8")).toBe(doc.content);
    expect(doc.content).toContain("| hearings | `CourtHearing.outcomeNote` | case-notes |");
  });

  it("the composed API schema breaks nothing in the public contract", () => {
    const contract = readFileSync(repoPath("schema", "contract.graphql"), "utf8");
    expect(contractBreakingChanges(contract, composition.apiSchemaSdl).map((change) => change.description)).toEqual([]);
  });

  it("the contract check would catch a removed field", () => {
    const contract = readFileSync(repoPath("schema", "contract.graphql"), "utf8");
    const broken = composition.apiSchemaSdl.replace(/\n {2}pncId: String\n/, "\n");
    expect(contractBreakingChanges(contract, broken).map((change) => change.description)).toEqual(["Person.pncId was removed."]);
  });
});
