import "reflect-metadata";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoPath } from "../../platform/repo-root";
import { nameProcessLogger } from "../../platform/log";

const log = nameProcessLogger("compose");
import { accessTableDoc, jurisdictionTableDoc } from "./access-table";
import { configurationTableDoc } from "./configuration-table";
import { COMPOSED_SUBGRAPH_NAMES, composeSupergraph, contractBreakingChanges } from "./composition";

/**
 * npm run compose: writes schema/subgraphs/<name>.graphql,
 * schema/supergraph.graphql and the generated tables under docs/generated/, and
 * refuses to write a supergraph that breaks the public contract. It writes only
 * generated files, never a hand-written page.
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
  const generated = [accessTableDoc(composition.supergraphSdl), jurisdictionTableDoc(), configurationTableDoc()];
  for (const doc of generated) {
    mkdirSync(path.dirname(repoPath(doc.path)), { recursive: true });
    writeFileSync(repoPath(doc.path), doc.content);
  }
  log.info(
    `Wrote schema/subgraphs/{${COMPOSED_SUBGRAPH_NAMES.join(",")}}.graphql, schema/supergraph.graphql, ${generated.map((doc) => doc.path).join(", ")}`,
  );
}

main().catch((error: unknown) => {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
