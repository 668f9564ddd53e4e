import { SUBGRAPH_NAMES, type SubgraphName, STREAM_TOPOLOGY } from "../../domain/topology";
import { startInProcessStack, type InProcessStack, type InProcessStackOptions } from "../../dev/in-process-stack";
import type { ResponseCache } from "../../gateway/cache";
import type { AuthorizationMode } from "../../gateway/authz";
import type { Clock } from "../../platform/clock";
import { observeStatements, type Db } from "../../platform/db/db";
import { currentRequestId } from "../../platform/request-scope";
import { REQUEST_ID_HEADER } from "../../gateway/server";
import type { EventBus } from "../../platform/events/bus";
import { InProcessBus } from "../../platform/events/in-process-bus";
import type { SubgraphEvents } from "../../platform/events/runtime";
import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { SUBGRAPHS } from "../../subgraphs/registry";
import { openTestAuditDatabase, type TestAuditDatabase } from "./audit";
import { insertChunks, openTestDatabase, type TestDatabase } from "./database";
import { waitUntilEventsSettled } from "./events";
import { EVERY_SCOPE_NATIONAL, TEST_AUDIENCE, TEST_ISSUER, testKeys, tokenFor } from "./identity";
import type { Principal } from "../../platform/identity/principal";

export interface GraphQLHttpResponse {
  status: number;
  /** The gateway's id for the request (absent when it was refused before it had one, e.g. 401). */
  requestId?: string;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface TestStack {
  gatewayUrl: string;
  /** Where each subgraph's own service listens. */
  subgraphUrls: Record<SubgraphName, string>;
  /** The gateway's authorization-shape cache counts. */
  authorizationShapes: InProcessStack["authorizationShapes"];
  /** The gateway's circuit breaker of each subgraph. */
  subgraphBreakers: InProcessStack["subgraphBreakers"];
  /** Reads the gateway's supergraph file again (what SIGHUP does). */
  reloadSupergraph: InProcessStack["reloadSupergraph"];
  /** POSTs an operation to the gateway over HTTP with a valid token for `as` (a national caller with every scope by default). */
  query(query: string, variables?: Record<string, unknown>, as?: Principal): Promise<GraphQLHttpResponse>;
  /** POSTs with exactly the headers given (no token unless they carry one). */
  post(body: unknown, headers: Record<string, string>): Promise<GraphQLHttpResponse>;
  /** The GraphQL request bodies each subgraph received since the last reset (a spy on what the gateway asks). */
  subgraphRequests: Record<SubgraphName, string[]>;
  /**
   * SQL statements per subgraph that gateway requests caused since the last reset. Background work
   * (outbox relays polling, event consumers, health probes) belongs to no request and is not counted,
   * so a count does not depend on how fast the machine is.
   */
  statements: Record<SubgraphName, number>;
  /** SQL statements per subgraph caused by one gateway request (its `requestId`) since the last reset. */
  statementsOf(requestId: string): Record<SubgraphName, number>;
  resetStatementCounts(): void;
  /** Each subgraph's outbox relay and consumers (running), e.g. to stop and restart a consumer. */
  events: Record<SubgraphName, SubgraphEvents>;
  /** The gateway's audit store (its own schema, dropped by stop()). */
  audit: TestAuditDatabase;
  /** What the audit trail logged (write failures), instead of stderr. */
  auditLog: string[];
  /** Each subgraph's own database (not statement-counted). */
  databases: Record<SubgraphName, TestDatabase>;
  bus: EventBus;
  /** Resolves when every event written so far has been published and applied by every consumer. */
  settle(): Promise<void>;
  /** The gateway's response cache (a pass-through unless the test asked for one), with its counts. */
  responseCache: ResponseCache;
  stop(): Promise<void>;
}

/**
 * The whole stack in this process, over real HTTP on ephemeral ports: four
 * subgraphs, each on its own fresh database holding `chunks`, and the gateway
 * serving the checked-in supergraph. Every SQL statement a request causes is
 * counted, and attributed to that request.
 */
export async function startTestStack(
  options: {
    chunks: DatasetChunk[];
    clock: Clock;
    authorizationMode?: AuthorizationMode;
    /** The event bus between the subgraphs (in-process unless a test brings Redis); closed by stop(). */
    bus?: EventBus;
    /** The audit store's engine: the test Postgres when it answers (PGlite otherwise), or PGlite whatever answers. */
    auditEngine?: "default" | "pglite";
  } & Pick<
    InProcessStackOptions,
    | "subgraphFetch"
    | "routeSubgraphs"
    | "responseCache"
    | "auditContent"
    | "auditWriteTimeoutMs"
    | "gatewayKeysOf"
    | "withoutLayer"
    | "gatewayLog"
    | "rateLimits"
    | "trustedDocumentsFile"
    | "corsOrigins"
    | "eventsStuck"
    | "dashboard"
    | "ide"
    | "supergraphFile"
  >,
): Promise<TestStack> {
  const bus = options.bus ?? new InProcessBus(STREAM_TOPOLOGY);
  const zeroCounts = () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
  const statements = zeroCounts();
  const statementsByRequest = new Map<string, Record<SubgraphName, number>>();
  const subgraphRequests = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as string[]])) as Record<SubgraphName, string[]>;
  const databases = {} as Record<SubgraphName, TestDatabase>;
  const observedDbs = {} as Record<SubgraphName, Db>;
  for (const name of SUBGRAPH_NAMES) {
    databases[name] = await openTestDatabase(SUBGRAPHS[name]);
    await insertChunks(databases[name].db, SUBGRAPHS[name], options.chunks);
    observedDbs[name] = observeStatements(databases[name].db, () => {
      const requestId = currentRequestId();
      if (requestId === undefined) return;
      statements[name] += 1;
      let counts = statementsByRequest.get(requestId);
      if (!counts) statementsByRequest.set(requestId, (counts = zeroCounts()));
      counts[name] += 1;
    });
  }

  const audit = await openTestAuditDatabase(options.auditEngine);
  const auditLog: string[] = [];
  const keys = await testKeys();
  const stack = await startInProcessStack({
    auditDb: audit.db,
    auditLog: (message) => auditLog.push(message),
    databases: observedDbs,
    clock: options.clock,
    bus,
    tokens: { keys: keys.idpPublicKeys, issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    assertions: { privateKey: keys.gatewayPrivateKey, publicKeys: keys.gatewayPublicKeys },
    authorizationMode: options.authorizationMode,
    subgraphFetch: options.subgraphFetch,
    routeSubgraphs: options.routeSubgraphs,
    responseCache: options.responseCache,
    auditWriteTimeoutMs: options.auditWriteTimeoutMs,
    gatewayKeysOf: options.gatewayKeysOf,
    auditContent: options.auditContent,
    withoutLayer: options.withoutLayer,
    gatewayLog: options.gatewayLog,
    rateLimits: options.rateLimits,
    trustedDocumentsFile: options.trustedDocumentsFile,
    corsOrigins: options.corsOrigins,
    dashboard: options.dashboard,
    ide: options.ide,
    eventsStuck: options.eventsStuck,
    supergraphFile: options.supergraphFile,
    // Listens alongside the service's own handler: both see every chunk of the body.
    // Only GraphQL requests: the gateway's readiness probes are no question about data.
    beforeListen: (name, service) =>
      service.prependListener("request", (request) => {
        if (!request.url?.startsWith("/graphql")) return;
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => subgraphRequests[name].push(Buffer.concat(chunks).toString("utf8")));
      }),
  });
  const events = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, stack.subgraphs[name].events])) as Record<
    SubgraphName,
    SubgraphEvents
  >;

  const post = async (body: unknown, headers: Record<string, string>): Promise<GraphQLHttpResponse> => {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined,
      body: (await response.json()) as GraphQLHttpResponse["body"],
    };
  };

  return {
    gatewayUrl: stack.gatewayUrl,
    subgraphUrls: stack.subgraphUrls,
    authorizationShapes: () => stack.authorizationShapes(),
    subgraphBreakers: () => stack.subgraphBreakers(),
    reloadSupergraph: () => stack.reloadSupergraph(),
    post,
    events,
    audit,
    auditLog,
    databases,
    bus,
    settle: () => waitUntilEventsSettled(events, bus),
    responseCache: stack.responseCache,
    statements,
    statementsOf: (requestId) => ({ ...(statementsByRequest.get(requestId) ?? zeroCounts()) }),
    subgraphRequests,
    resetStatementCounts: () => {
      statementsByRequest.clear();
      for (const name of SUBGRAPH_NAMES) {
        statements[name] = 0;
        subgraphRequests[name].length = 0;
      }
    },
    async query(query, variables, as = EVERY_SCOPE_NATIONAL) {
      return post({ query, variables }, { authorization: `Bearer ${await tokenFor(as)}` });
    },
    async stop() {
      await stack.stop();
      await bus.close();
      for (const name of SUBGRAPH_NAMES) await databases[name].dispose();
      await audit.dispose();
    },
  };
}
