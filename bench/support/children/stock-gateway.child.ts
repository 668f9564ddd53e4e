import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { importJWK, type JWK, type KeyLike } from "jose";
import { disableApolloDataCollection } from "../../../gateway/apollo-data-collection";
import { AuthorizationPolicy } from "../../../gateway/authz/policy";
import { ASSERTION_HEADER, signIdentityAssertionSync } from "../../../platform/identity/assertion";
import type { Principal } from "../../../platform/identity/principal";
import { envString } from "../../../platform/env";
import { repoPath } from "../../../platform/repo-root";
import { failToParent, reportToParent } from "../process-probe";

/**
 * The comparison peer: stock @apollo/gateway under stock Apollo Server
 * (startStandaloneServer), no plugins, the default data source (its
 * make-fetch-happen fetcher). It serves the same supergraph with the
 * authorization directives stripped (what our gateway executes) and does no
 * authentication or authorization of its own; so the subgraphs answer, each
 * call carries an identity assertion of the benchmark's principal, signed for
 * its body (a subgraph accepts an assertion for one body, once): stock pays
 * that signature per call, as ours does, and nothing else for identity.
 */
class AssertingDataSource extends RemoteGraphQLDataSource {
  constructor(url: string, audience: string, principal: Principal, key: KeyLike) {
    super({ url });
    const send = this.fetcher;
    this.fetcher = (target, init) =>
      send(target, {
        ...init,
        headers: {
          ...init?.headers,
          [ASSERTION_HEADER]: `Bearer ${signIdentityAssertionSync({ principal, audience, requestId: `bench-stock-${Date.now()}`, body: String(init?.body ?? ""), key, keyId: "bench-gateway" })}`,
        },
      });
  }
}

async function main(): Promise<void> {
  const subgraphUrls = JSON.parse(envString("BENCH_SUBGRAPH_URLS")) as Record<string, string>;
  const principal = JSON.parse(envString("BENCH_PRINCIPAL")) as Principal;
  const key = (await importJWK(JSON.parse(envString("BENCH_GATEWAY_PRIVATE_JWK")) as JWK, "ES256")) as KeyLike;
  const { executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"));
  // Stock, but as quiet on the network as ours: no peer pays for an hourly export the others skip.
  disableApolloDataCollection();
  const gateway = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    // The audit subgraph lives inside our gateway; no benchmark operation reaches it, so stock gets a dead address.
    buildService: ({ name }) => new AssertingDataSource(subgraphUrls[name] ?? "http://127.0.0.1:9/graphql", name, principal, key),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  reportToParent({ gateway: url });
}

main().catch(failToParent);
