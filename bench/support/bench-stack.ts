import { readFileSync } from "node:fs";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import { createAuthenticator } from "../../gateway/auth/authenticate";
import { devTokenClaims, type PersonaName } from "../../gateway/auth/dev-token";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../gateway/config";
import { createAssertionSigner } from "../../gateway/datasource";
import { createGateway } from "../../gateway/server";
import { systemClock } from "../../subgraphs/kit/clock";
import { SUBGRAPH_NAMES, type SubgraphName } from "../../subgraphs/kit/config";
import type { Db } from "../../subgraphs/kit/db";
import { listen, type RunningHttpService } from "../../subgraphs/kit/http";
import { repoPath } from "../../subgraphs/kit/repo-root";
import { createSubgraphServer } from "../../subgraphs/kit/subgraph";
import { SUBGRAPHS } from "../../subgraphs/registry";

/**
 * The whole stack in this process, over real HTTP on ephemeral ports of
 * 127.0.0.1: the four subgraphs on the given databases and the gateway on the
 * checked-in supergraph, with key pairs made for this run (an identity
 * provider's and the gateway's), so nothing under DATA_DIR is read or written.
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

export async function startBenchStack(dbs: Record<SubgraphName, Db>): Promise<BenchStack> {
  const idp = await keyPair("bench-idp");
  const gatewayKey = await keyPair("bench-gateway");
  const services: RunningHttpService[] = [];
  const stops: (() => Promise<void>)[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;

  for (const name of SUBGRAPH_NAMES) {
    const server = await createSubgraphServer(SUBGRAPHS[name], { db: dbs[name], clock: systemClock, gatewayKeys: gatewayKey.publicKeys });
    await server.apollo.start();
    const running = await listen(server.createHttpService(), 0);
    services.push(running);
    stops.push(() => server.apollo.stop());
    subgraphUrls[name] = running.url;
  }

  const gateway = createGateway(
    { supergraphSdl: readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"), subgraphUrls, production: false, authorizationMode: "filter" },
    {
      authenticate: createAuthenticator({ keys: idp.publicKeys, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"] }),
      signAssertion: createAssertionSigner(gatewayKey.privateKey, "bench-gateway"),
    },
  );
  await gateway.apollo.start();
  const gatewayService = await listen(gateway.createHttpService(), 0);

  return {
    gatewayUrl: gatewayService.url,
    tokenFor: (persona) =>
      new SignJWT(devTokenClaims({ persona, purpose: "statistics benchmark", ttl: "1h", sub: `bench-${persona}` }))
        .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: "bench-idp" })
        .sign(idp.privateKey),
    async query<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(gatewayService.url, {
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
      await gatewayService.close();
      await gateway.apollo.stop();
      for (const service of services) await service.close();
      for (const stop of stops) await stop();
    },
  };
}
