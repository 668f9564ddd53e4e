import { randomUUID } from "node:crypto";
import { fixedClock } from "../../platform/clock";
import type { SubgraphName } from "../../platform/config";
import { listen, type RunningHttpService } from "../../platform/http";
import { signIdentityAssertion } from "../../platform/identity/assertion";
import type { Principal } from "../../platform/identity/principal";
import type { DatasetChunk } from "../../domain/records";
import { SUBGRAPHS } from "../../subgraphs/registry";
import { insertChunks, openTestDatabase, type TestDatabase } from "./database";
import { createTestSubgraphServer, testKeys } from "./identity";
import type { GraphQLHttpResponse } from "./stack";

/** One subgraph listening on an ephemeral port, on a fresh database holding `chunks`, reached directly (no gateway). */
export interface SubgraphOverHttp {
  url: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startSubgraphOverHttp(name: SubgraphName, chunks: DatasetChunk[], today: string): Promise<SubgraphOverHttp> {
  const definition = SUBGRAPHS[name];
  const database = await openTestDatabase(definition);
  await insertChunks(database.db, definition, chunks);
  const server = await createTestSubgraphServer(definition, database.db, fixedClock(today));
  await server.apollo.start();
  const running: RunningHttpService = await listen(server.createHttpService(), 0);
  return {
    url: running.url,
    database,
    async stop() {
      await running.close();
      await server.apollo.stop();
      await database.dispose();
    },
  };
}

/** POSTs a GraphQL request with exactly the headers given. */
export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string>,
): Promise<GraphQLHttpResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLHttpResponse["body"] };
}

/** The gateway's identity assertion for `principal`, addressed to subgraph `audience`, as an Authorization header. */
export async function assertionHeaders(principal: Principal, audience: SubgraphName): Promise<Record<string, string>> {
  const assertion = await signIdentityAssertion({
    principal,
    audience,
    requestId: randomUUID(),
    key: (await testKeys()).gatewayPrivateKey,
  });
  return { authorization: `Bearer ${assertion}` };
}
