import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { buildGateway } from "../gateway/build";
import { readTrustedDocuments, SHIPPED_TRUSTED_DOCUMENTS_FILE } from "../gateway/trusted-documents";
import { dashboardSignInFor } from "../dev/dashboard-sign-in";
import { repoPath } from "../platform/repo-root";
import { testKeys } from "./support/identity";

// Plain JavaScript (it runs before tsc): required, with what is used here typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestText } = require("../scripts/trusted-documents.js") as { manifestText(): string };

/**
 * The shipped trusted-documents manifest (docs/dashboard.md, docs/operations.md)
 * is exactly what dashboard/operations/ and schema/trusted-operations/ make
 * (npm run trusted-documents), each a valid operation of the public contract;
 * the development sign-in never exists in production.
 */
describe("the dashboard's trusted documents and sign-in", () => {
  it("ships the manifest the service clients' operations make (run npm run trusted-documents after changing one)", () => {
    expect(readFileSync(SHIPPED_TRUSTED_DOCUMENTS_FILE, "utf8")).toBe(manifestText());
    const names = (JSON.parse(manifestText()) as { operations: { name: string }[] }).operations.map((operation) => operation.name);
    expect(names).toEqual(["DashboardBreachFigures", "DashboardForces", "DashboardOrderFigures", "CourtListing", "RecordHearingOutcome"]);
    expect([...readTrustedDocuments(SHIPPED_TRUSTED_DOCUMENTS_FILE).keys()]).toHaveLength(5);
  });

  it("lists only operations valid against the public contract", () => {
    const contract = buildSchema(readFileSync(repoPath("schema", "contract.graphql"), "utf8"));
    for (const body of readTrustedDocuments(SHIPPED_TRUSTED_DOCUMENTS_FILE).values()) {
      expect(validate(contract, parse(body)).map((error) => error.message)).toEqual([]);
    }
  });

  it("gives no development sign-in in production, and the gateway refuses one there", async () => {
    const { idpPrivateKey } = await testKeys();
    expect(dashboardSignInFor(true, { key: idpPrivateKey })).toBeUndefined();
    const devSignIn = dashboardSignInFor(false, { key: idpPrivateKey })!;
    expect(devSignIn.personas.map((entry) => entry.persona)).toEqual(["reporting-dashboard", "national-analyst", "regional-officer"]);
    await expect(
      buildGateway(
        { supergraphSdl: "", subgraphUrls: {} as never, production: true, authorizationMode: "filter", subgraphFetch: {} as never },
        { devSignIn },
      ),
    ).rejects.toThrow("The dashboard's development sign-in cannot be served in production");
  });

  it("mints the persona's claims, regional officer with its region, for the dashboard's purpose", async () => {
    const { idpPrivateKey } = await testKeys();
    const now = new Date("2026-12-04T18:00:00Z");
    const minted = await dashboardSignInFor(false, { key: idpPrivateKey, now: () => now, ttl: "15m" })!.mint("regional-officer");
    const claims = JSON.parse(Buffer.from(minted.token.split(".")[1], "base64url").toString("utf8"));
    expect(claims).toMatchObject({ persona: "regional-officer", region: "NORTH_WEST", purpose: "national reporting dashboard" });
    expect(minted.expiresAt).toBe("2026-12-04T18:15:00.000Z");
    await expect(dashboardSignInFor(false, { key: idpPrivateKey })!.mint("auditor")).rejects.toThrow("not a dashboard persona");
  });
});
