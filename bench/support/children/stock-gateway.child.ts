import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { importJWK, type JWK, type KeyLike } from "jose";
import { AuthorizationPolicy } from "../../../gateway/authz/policy";
import { ASSERTION_HEADER, signIdentityAssertion } from "../../../platform/identity/assertion";
import type { Principal } from "../../../platform/identity/principal";
import { envString } from "../../../platform/env";
import { repoPath } from "../../../platform/repo-root";
import { failToParent, reportToParent } from "../process-probe";

/** Well inside the subgraphs' 60 s freshness rule, so an assertion is never stale when it arrives. */
const REFRESH_MS = 20_000;

/**
 * The comparison peer: stock @apollo/gateway under stock Apollo Server
 * (startStandaloneServer), no plugins, the default data source (its
 * make-fetch-happen fetcher). It serves the same supergraph with the
 * authorization directives stripped (what our gateway executes) and does no
 * authentication or authorization of its own; so the subgraphs answer, each
 * request carries an identity assertion of the benchmark's principal,
 * re-signed every 20 s per subgraph rather than per request: stock pays
 * nothing for identity, which is the point of the comparison.
 */
class AssertingDataSource extends RemoteGraphQLDataSource {
  constructor(
    url: string,
    private readonly assertionOf: () => string,
  ) {
    super({ url });
  }

  override willSendRequest({ request }: Parameters<NonNullable<RemoteGraphQLDataSource["willSendRequest"]>>[0]): void {
    request.http?.headers.set(ASSERTION_HEADER, `Bearer ${this.assertionOf()}`);
  }
}

/** One assertion per subgraph, signed now and again every REFRESH_MS. */
async function refreshedAssertions(names: string[], principal: Principal, key: KeyLike): Promise<Map<string, string>> {
  const assertions = new Map<string, string>();
  const signAll = async () => {
    for (const name of names) {
      assertions.set(
        name,
        await signIdentityAssertion({ principal, audience: name, requestId: `bench-stock-${Date.now()}`, key, keyId: "bench-gateway" }),
      );
    }
  };
  await signAll();
  setInterval(() => void signAll(), REFRESH_MS).unref();
  return assertions;
}

async function main(): Promise<void> {
  const subgraphUrls = JSON.parse(envString("BENCH_SUBGRAPH_URLS")) as Record<string, string>;
  const principal = JSON.parse(envString("BENCH_PRINCIPAL")) as Principal;
  const key = (await importJWK(JSON.parse(envString("BENCH_GATEWAY_PRIVATE_JWK")) as JWK, "ES256")) as KeyLike;
  const { executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"));
  const assertions = await refreshedAssertions(Object.keys(subgraphUrls), principal, key);
  const gateway = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    // The audit subgraph lives inside our gateway; no benchmark operation reaches it, so stock gets a dead address.
    buildService: ({ name }) =>
      new AssertingDataSource(subgraphUrls[name] ?? "http://127.0.0.1:9/graphql", () => assertions.get(name) ?? ""),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  reportToParent({ gateway: url });
}

main().catch(failToParent);
