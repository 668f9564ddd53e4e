import { readFileSync } from "node:fs";
import { SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import { buildGateway } from "../gateway/build";
import { DEFAULT_SUBGRAPH_FETCH_CONFIG } from "../gateway/config";
import { fixedClock } from "../platform/clock";
import type { Db } from "../platform/db/db";
import { repoPath } from "../platform/repo-root";
import { createSubgraphServer } from "../platform/subgraph/subgraph";
import { refuseTestOnlySwitchInProduction } from "../platform/test-only";
import { SUBGRAPHS } from "../subgraphs/registry";
import { testKeys } from "./support/identity";

/**
 * The switches that take a layer of access control away (for the single-layer
 * authorization matrix) cannot be turned on in production: they are options a
 * test passes in code, nothing reads them from the environment, and a process
 * with NODE_ENV=production refuses them at start.
 */
const unusedDb = {} as Db;
const gatewayConfig = {
  supergraphSdl: "",
  subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, ""])) as Record<SubgraphName, string>,
  production: false,
  authorizationMode: "filter" as const,
  subgraphFetch: DEFAULT_SUBGRAPH_FETCH_CONFIG,
};

describe("test-only switches", () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it("are refused with NODE_ENV=production, and only then", () => {
    expect(() => refuseTestOnlySwitchInProduction("X", { NODE_ENV: "production" })).toThrow(
      "X takes a layer of access control away and exists for tests only; refused with NODE_ENV=production",
    );
    expect(() => refuseTestOnlySwitchInProduction("X", { NODE_ENV: "test" })).not.toThrow();
    expect(() => refuseTestOnlySwitchInProduction("X", {})).not.toThrow();
  });

  it("a subgraph refuses to start without its access guard in production", async () => {
    process.env.NODE_ENV = "production";
    await expect(
      createSubgraphServer(SUBGRAPHS.orders, {
        db: unusedDb,
        clock: fixedClock("2026-11-22"),
        gatewayKeys: (await testKeys()).gatewayPublicKeys,
        withoutAccessGuard: true,
      }),
    ).rejects.toThrow("A subgraph schema without its access guard takes a layer of access control away");
  });

  it("a gateway refuses to start without its authorization filter in production, by NODE_ENV or by its config", async () => {
    const withoutFilter = { withoutAuthorizationFilter: true as const };
    await expect(buildGateway({ ...gatewayConfig, production: true }, withoutFilter)).rejects.toThrow(
      "The gateway's authorization filter cannot be switched off in production",
    );
    process.env.NODE_ENV = "production";
    await expect(buildGateway(gatewayConfig, withoutFilter)).rejects.toThrow(
      "A gateway without its authorization filter takes a layer of access control away",
    );
  });

  it("nothing in the gateway's or a subgraph's configuration can turn them on", () => {
    // The switches are named nowhere the environment is read.
    for (const file of ["gateway/config.ts", "platform/config.ts", "platform/env.ts", "platform/subgraph/run.ts", "gateway/main.ts"]) {
      const text = readFileSync(repoPath(file), "utf8");
      expect({ file, mentions: /withoutAccessGuard|withoutAuthorizationFilter|enforceAccess|withoutLayer/.test(text) }).toEqual({
        file,
        mentions: false,
      });
    }
  });
});
