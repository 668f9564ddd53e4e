import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { repoPath } from "../../platform/repo-root";
import { ACCESS_TABLE, accessTableMarkdown, JURISDICTION_TABLE, jurisdictionTableMarkdown, withGeneratedSection } from "./access-table";
import { COMPOSED_SUBGRAPH_NAMES, composeSupergraph, contractBreakingChanges } from "./composition";

/**
 * npm run compose: writes schema/subgraphs/<name>.graphql and
 * schema/supergraph.graphql, and refuses to write a supergraph that breaks the
 * public contract.
 */
async function main(): Promise<void> {
  const composition = await composeSupergraph();
  const breaking = contractBreakingChanges(readFileSync(repoPath("schema", "contract.graphql"), "utf8"), composition.apiSchemaSdl);
  if (breaking.length > 0) {
    throw new Error(`The composed API breaks the contract:\n${breaking.map((change) => `- ${change.description}`).join("\n")}`);
  }
  for (const name of COMPOSED_SUBGRAPH_NAMES) {
    writeFileSync(repoPath("schema", "subgraphs", `${name}.graphql`), composition.subgraphSdl[name]);
  }
  writeFileSync(repoPath("schema", "supergraph.graphql"), composition.supergraphSdl);
  const readme = repoPath("README.md");
  const withAccess = withGeneratedSection(readFileSync(readme, "utf8"), ACCESS_TABLE, accessTableMarkdown(composition.supergraphSdl));
  writeFileSync(readme, withGeneratedSection(withAccess, JURISDICTION_TABLE, jurisdictionTableMarkdown()));
  console.log(
    `Wrote schema/subgraphs/{${COMPOSED_SUBGRAPH_NAMES.join(",")}}.graphql, schema/supergraph.graphql and the README access and jurisdiction tables`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
