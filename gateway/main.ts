import { createRemoteJWKSet } from "jose";
import { readAuditStoreConfig } from "../platform/audit/config";
import { readAuditContentConfig } from "../platform/audit/content-config";
import { ensureAuditStoreMigrated } from "../platform/audit/store";
import { openDatabase } from "../platform/db/open-db";
import { createAuditTrail } from "./audit";
import { createResponseCache } from "./cache";
import { loadPrivateKey, loadPublicKeySet } from "../platform/identity/keys";
import { listen } from "../platform/http";
import { createAuthenticator } from "./auth/authenticate";
import { keySetHealth } from "./auth/key-set-health";
import { createAssertionSigner } from "../platform/identity/assertion";
import { readGatewayConfig } from "./config";
import { createGateway } from "./server";
import { describeStartFailure } from "../platform/errors/error-log";

/** The gateway process: read config, listen, stop cleanly (exit 0) on SIGINT/SIGTERM. */
export async function runGateway(): Promise<void> {
  const config = readGatewayConfig();
  const keys =
    config.tokens.keys.kind === "url" ? createRemoteJWKSet(new URL(config.tokens.keys.url)) : loadPublicKeySet(config.tokens.keys.file);
  const assertionKey = await loadPrivateKey(config.assertionKeyFile);
  const auditConfig = readAuditStoreConfig();
  const auditDb = openDatabase(auditConfig.database);
  await ensureAuditStoreMigrated(auditDb);
  const responseCache = createResponseCache(config.responseCache);
  const gateway = createGateway(config, {
    authenticate: createAuthenticator({ ...config.tokens, keys }),
    signAssertion: createAssertionSigner(assertionKey.key, assertionKey.kid),
    auditTrail: createAuditTrail({
      db: auditDb,
      maxBatch: auditConfig.maxBatch,
      writeTimeoutMs: auditConfig.writeTimeoutMs,
      content: readAuditContentConfig(),
    }),
    responseCache,
    requiredChecks: {
      "audit store": async () => ((await auditDb.query("SELECT 1 AS ok")).length === 1 ? "ready" : "not answering"),
      "key set": config.tokens.keys.kind === "url" ? keySetHealth(config.tokens.keys.url) : async () => "ready",
    },
  });
  await gateway.apollo.start();
  const running = await listen(gateway.createHttpService(), config.port, config.host);
  console.log(`[gateway] listening on ${running.url}`);
  // Started by npm start (dev/stack.ts): it says "ready" only for the gateway it started.
  process.send?.({ listening: running.url });
  let stopping = false;
  // Stop accepting, let in-flight requests finish (up to the grace period), then close the subgraph pools.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Whatever a dependency is doing (a Redis reconnecting, an audit store not answering), gone in time.
    setTimeout(() => {
      console.error("[gateway] did not stop within its grace period: exiting now");
      process.exit(0);
    }, config.shutdownGraceMs + 2_000).unref();
    await running.close(config.shutdownGraceMs);
    await gateway.apollo.stop();
    responseCache.close();
    await auditDb.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  runGateway().catch((error: unknown) => {
    console.error(`[gateway] failed to start: ${describeStartFailure(error)}`);
    process.exit(1);
  });
}
