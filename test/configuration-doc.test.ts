import { readFileSync } from "node:fs";
import { repoPath } from "../platform/repo-root";
import { configurationTableDoc } from "../dev/schema/configuration-table";

/** The configuration table is what the services' schemas declare, production's requirements included. */
describe("docs/generated/configuration.md", () => {
  const doc = configurationTableDoc();

  it("is the table the services' configuration schemas give (run npm run compose)", () => {
    expect(readFileSync(repoPath(doc.path), "utf8")).toBe(doc.content);
  });

  it("says what production requires", () => {
    expect(doc.content).toContain("| `JWT_ISSUER` | gateway | `spo-dev-idp` | yes |");
    expect(doc.content).toContain("| `REDIS_URL` | gateway, subgraphs | unset → in-process event bus | subgraphs |");
    expect(doc.content).toMatch(/\| `GATEWAY_JWKS_URL` \| subgraphs \| unset \| yes \(or `GATEWAY_JWKS_FILE`\) \|/);
  });
});
