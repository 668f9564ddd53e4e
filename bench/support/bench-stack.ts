import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import { STREAM_TOPOLOGY, type SubgraphName } from "../../domain/topology";
import { devTokenClaims, type PersonaName } from "../../dev/dev-token";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../gateway/config";
import { startInProcessStack } from "../../dev/in-process-stack";
import { systemClock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import { InProcessBus } from "../../platform/events/in-process-bus";
import { migrateAuditStore } from "../../platform/audit/store";
import { openPglite } from "../../platform/db/db";

/**
 * The in-process stack (dev/in-process-stack.ts) on the benchmark's
 * databases, with key pairs made for this run (an identity provider's and the
 * gateway's), so nothing under DATA_DIR is read or written.
 */
export interface BenchStack {
  gatewayUrl: string;
  /** A token of `persona` as the development identity provider would issue it (schema/personas.json). */
  tokenFor(persona: PersonaName): Promise<string>;
  /** POSTs an operation to the gateway with the token; throws unless HTTP 200 without errors. */
  query<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

async function keyPair(kid: string): Promise<{ privateKey: KeyLike; publicKeys: ReturnType<typeof createLocalJWKSet> }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  return { privateKey, publicKeys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256" }] }) };
}

/** `auditDb` is the gateway's audit store (migrated; the caller closes it); without one, an in-memory store made here. */
export async function startBenchStack(dbs: Record<SubgraphName, Db>, auditDb?: Db): Promise<BenchStack> {
  const idp = await keyPair("bench-idp");
  const ownAuditDb = auditDb ? undefined : openPglite();
  if (ownAuditDb) await migrateAuditStore(ownAuditDb);
  const stack = await startInProcessStack({
    auditDb: auditDb ?? ownAuditDb!,
    databases: dbs,
    clock: systemClock,
    bus: new InProcessBus(STREAM_TOPOLOGY),
    tokens: { keys: idp.publicKeys, issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    assertions: await keyPair("bench-gateway"),
  });
  return {
    gatewayUrl: stack.gatewayUrl,
    tokenFor: (persona) =>
      new SignJWT(devTokenClaims({ persona, purpose: "statistics benchmark", ttl: "1h", sub: `bench-${persona}` }))
        .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: "bench-idp" })
        .sign(idp.privateKey),
    async query<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (response.status !== 200 || body.errors || !body.data) {
        throw new Error(`gateway answered HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      }
      return body.data;
    },
    async stop() {
      await stack.stop();
      await ownAuditDb?.close();
    },
  };
}
