import { randomUUID } from "node:crypto";
import type { SubgraphName } from "../../domain/topology";
import { fixedClock } from "../../platform/clock";
import { listen, type RunningHttpService } from "../../platform/http";
import { signIdentityAssertion } from "../../platform/identity/assertion";
import type { Principal } from "../../platform/identity/principal";
import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
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

export async function startSubgraphOverHttp(
  name: SubgraphName,
  chunks: DatasetChunk[],
  today: string,
  options: { assertionClock?: () => number } = {},
): Promise<SubgraphOverHttp> {
  const definition = SUBGRAPHS[name];
  const database = await openTestDatabase(definition);
  await insertChunks(database.db, definition, chunks);
  const server = await createTestSubgraphServer(definition, database.db, fixedClock(today), options);
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

/** Headers for one request, or how to make them from the body exactly as it will be sent (an assertion is bound to it). */
export type RequestHeaders = Record<string, string> | ((body: string) => Promise<Record<string, string>>);

/** POSTs a GraphQL request with exactly the headers given. */
export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: RequestHeaders,
): Promise<GraphQLHttpResponse> {
  return postRawGraphQL(url, JSON.stringify(body), headers);
}

/** POSTs a body, already serialised, with exactly the headers given. */
export async function postRawGraphQL(url: string, body: string, headers: RequestHeaders): Promise<GraphQLHttpResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(typeof headers === "function" ? await headers(body) : headers) },
    body,
  });
  return { status: response.status, body: (await response.json()) as GraphQLHttpResponse["body"] };
}

/** The gateway's identity assertion for `principal`, addressed to subgraph `audience` and signed for the body sent, as an Authorization header. */
export function assertionHeaders(principal: Principal, audience: SubgraphName): (body: string) => Promise<Record<string, string>> {
  return async (body) => {
    const assertion = await signIdentityAssertion({
      principal,
      audience,
      requestId: randomUUID(),
      body,
      key: (await testKeys()).gatewayPrivateKey,
    });
    return { authorization: `Bearer ${assertion}` };
  };
}
