import type { SubgraphName } from "../../../domain/topology";
import "reflect-metadata";
import { readFileSync } from "node:fs";
import { createLocalJWKSet, importJWK, type JWK } from "jose";
import { createResponseCache, type ResponseCacheStore } from "../../../gateway/cache";
import { createAuthenticator } from "../../../gateway/auth/authenticate";
import {
  DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS,
  DEFAULT_SUBGRAPH_FETCH_CONFIG,
  DEV_AUDIENCE,
  DEV_ISSUER,
} from "../../../gateway/config";
import { createAssertionSigner } from "../../../platform/identity/assertion";
import { buildGateway } from "../../../gateway/build";
import { ensureAuditStoreMigrated } from "../../../platform/audit/store";
import { openPostgres } from "../../../platform/db/db";
import { envOptional, envString } from "../../../platform/env";
import { listen } from "../../../platform/http";
import { repoPath } from "../../../platform/repo-root";
import { readTracingSettings } from "../../../platform/tracing/tracing";
import { failToParent, reportToParent } from "../process-probe";

/**
 * Our gateway as production composes it (buildGateway, as gateway/main.ts): token
 * verification, authorization in filter mode, masking, limits, subgraph
 * fetchers with timeouts and breakers, and the audit trail writing to its own
 * schema of the benchmark database with group commit. Only the keys differ:
 * made for this run by the parent. With BENCH_RESPONSE_CACHE (a Redis URL, or
 * "memory") the response cache is on, as gateway/main.ts turns it on; with
 * OTEL_EXPORTER_OTLP_ENDPOINT, tracing (bench/observability.bench.ts).
 */
async function main(): Promise<void> {
  const url = envString("BENCH_DATABASE_URL");
  const subgraphUrls = JSON.parse(envString("BENCH_SUBGRAPH_URLS")) as Record<SubgraphName, string>;
  const idpKeys = createLocalJWKSet({ keys: [JSON.parse(envString("BENCH_IDP_PUBLIC_JWK")) as JWK] });
  const assertionKey = await importJWK(JSON.parse(envString("BENCH_GATEWAY_PRIVATE_JWK")) as JWK, "ES256");
  const auditDb = openPostgres({ url, schema: "bench_gateway_audit", poolSize: 4 });
  await ensureAuditStoreMigrated(auditDb);
  const cache = envOptional("BENCH_RESPONSE_CACHE");
  const store: ResponseCacheStore =
    cache === undefined
      ? { kind: "off" }
      : cache === "memory"
        ? { kind: "memory", maxBytes: 32 * 1024 * 1024 }
        : {
            kind: "redis",
            url: cache,
            keyPrefix: `bench:cache:${process.pid}:`,
            commandTimeoutMs: DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS,
          };
  const gateway = await buildGateway(
    {
      supergraphSdl: readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"),
      subgraphUrls,
      production: true,
      authorizationMode: "filter",
      subgraphFetch: DEFAULT_SUBGRAPH_FETCH_CONFIG,
      // As gateway/main.ts reads them: tracing with OTEL_EXPORTER_OTLP_ENDPOINT; /metrics open for BENCH_METRICS=open.
      tracing: readTracingSettings(),
      metrics: envOptional("BENCH_METRICS") === "open" ? { kind: "open" } : { kind: "off" },
    },
    {
      authenticate: createAuthenticator({ keys: idpKeys, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"] }),
      signAssertion: createAssertionSigner(assertionKey, "bench-gateway"),
      auditDb,
      responseCache: createResponseCache({ store, ttlSeconds: 60, persistedQueryTtlSeconds: 3600 }),
    },
  );
  await gateway.apollo.start();
  const running = await listen(gateway.createHttpService(), 0);
  reportToParent({ gateway: running.url });
}

main().catch(failToParent);
