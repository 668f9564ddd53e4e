import { readFileSync } from "node:fs";
import { createAuthenticator } from "../../gateway/auth/authenticate";
import { createAssertionSigner } from "../../gateway/datasource";
import type { AuthorizationMode } from "../../gateway/authz/authorizing-gateway";
import { createGateway } from "../../gateway/server";
import type { Clock } from "../../subgraphs/kit/clock";
import { SUBGRAPH_NAMES, type SubgraphName } from "../../subgraphs/kit/config";
import { observeStatements } from "../../subgraphs/kit/db";
import { listen, type RunningHttpService } from "../../subgraphs/kit/http";
import { repoPath } from "../../subgraphs/kit/repo-root";
import { createTestSubgraphServer, EVERY_SCOPE_NATIONAL, TEST_AUDIENCE, TEST_ISSUER, testKeys, tokenFor } from "./identity";
import type { Principal } from "../../subgraphs/kit/principal";
import type { DatasetChunk } from "../../subgraphs/dataset/rows";
import { SUBGRAPHS } from "../../subgraphs/registry";
import { insertChunks, openTestDatabase, type TestDatabase } from "./database";
import type { EventBus } from "../../subgraphs/kit/events/bus";
import { InProcessBus } from "../../subgraphs/kit/events/in-process-bus";
import type { SubgraphEvents } from "../../subgraphs/kit/events/runtime";
import type { SubgraphServer } from "../../subgraphs/kit/subgraph";
import { waitUntilEventsSettled } from "./events";

export interface GraphQLHttpResponse {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface TestStack {
  gatewayUrl: string;
  /** POSTs an operation to the gateway over HTTP with a valid token for `as` (a national caller with every scope by default). */
  query(query: string, variables?: Record<string, unknown>, as?: Principal): Promise<GraphQLHttpResponse>;
  /** POSTs with exactly the headers given (no token unless they carry one). */
  post(body: unknown, headers: Record<string, string>): Promise<GraphQLHttpResponse>;
  /** The GraphQL request bodies each subgraph received since the last reset (a spy on what the gateway asks). */
  subgraphRequests: Record<SubgraphName, string[]>;
  /** SQL statements issued per subgraph since the last reset. */
  statements: Record<SubgraphName, number>;
  resetStatementCounts(): void;
  /** Each subgraph's outbox relay and consumers (running), e.g. to stop and restart a consumer. */
  events: Record<SubgraphName, SubgraphEvents>;
  /** Each subgraph's own database (not statement-counted). */
  databases: Record<SubgraphName, TestDatabase>;
  bus: EventBus;
  /** Resolves when every event written so far has been published and applied by every consumer. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole stack in this process, over real HTTP on ephemeral ports: four
 * subgraphs, each on its own fresh database holding `chunks`, and the gateway
 * serving the checked-in supergraph. Every SQL statement is counted.
 */
export async function startTestStack(options: {
  chunks: DatasetChunk[];
  clock: Clock;
  authorizationMode?: AuthorizationMode;
  /** The event bus between the subgraphs (in-process unless a test brings Redis); closed by stop(). */
  bus?: EventBus;
}): Promise<TestStack> {
  const bus = options.bus ?? new InProcessBus();
  const events = {} as Record<SubgraphName, SubgraphEvents>;
  const databasesByName = {} as Record<SubgraphName, TestDatabase>;
  const statements = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
  const subgraphRequests = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as string[]])) as Record<SubgraphName, string[]>;
  const databases: TestDatabase[] = [];
  const services: RunningHttpService[] = [];
  const stops: (() => Promise<void>)[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;

  for (const name of SUBGRAPH_NAMES) {
    const definition = SUBGRAPHS[name];
    const database = await openTestDatabase(definition);
    databases.push(database);
    databasesByName[name] = database;
    await insertChunks(database.db, definition, options.chunks);
    const db = observeStatements(database.db, () => {
      statements[name] += 1;
    });
    const server: SubgraphServer<unknown> = await createTestSubgraphServer(definition, db, options.clock, {
      bus,
      eventConsumer: `${name}-test`,
    });
    await server.apollo.start();
    events[name] = server.events;
    const httpService = server.createHttpService();
    // Listens alongside the service's own handler: both see every chunk of the body.
    httpService.prependListener("request", (request) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => subgraphRequests[name].push(Buffer.concat(chunks).toString("utf8")));
    });
    const running = await listen(httpService, 0);
    services.push(running);
    stops.push(() => server.apollo.stop());
    subgraphUrls[name] = running.url;
  }

  for (const name of SUBGRAPH_NAMES) events[name].start();

  const keys = await testKeys();
  const gateway = createGateway(
    { supergraphSdl: readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"), subgraphUrls, production: false, authorizationMode: options.authorizationMode ?? "filter" },
    {
      authenticate: createAuthenticator({ keys: keys.idpPublicKeys, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, algorithms: ["ES256"] }),
      signAssertion: createAssertionSigner(keys.gatewayPrivateKey),
    },
  );
  await gateway.apollo.start();
  const gatewayService = await listen(gateway.createHttpService(), 0);

  const post = async (body: unknown, headers: Record<string, string>): Promise<GraphQLHttpResponse> => {
    const response = await fetch(gatewayService.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLHttpResponse["body"] };
  };

  return {
    gatewayUrl: gatewayService.url,
    post,
    events,
    databases: databasesByName,
    bus,
    settle: () => waitUntilEventsSettled(events, bus),
    statements,
    subgraphRequests,
    resetStatementCounts: () => {
      for (const name of SUBGRAPH_NAMES) {
        statements[name] = 0;
        subgraphRequests[name].length = 0;
      }
    },
    async query(query, variables, as = EVERY_SCOPE_NATIONAL) {
      return post({ query, variables }, { authorization: `Bearer ${await tokenFor(as)}` });
    },
    async stop() {
      await gatewayService.close();
      await gateway.apollo.stop();
      for (const service of services) await service.close();
      for (const name of SUBGRAPH_NAMES) await events[name].stop();
      await bus.close();
      for (const stop of stops) await stop();
      for (const database of databases) await database.dispose();
    },
  };
}
