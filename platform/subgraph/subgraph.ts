import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { NonEmptyArray } from "type-graphql";
import type { Clock } from "../clock";
import type { Db } from "../db/db";
import { maskUnexpectedErrors } from "../errors/masking";
import type { AccessTable } from "./access-table";
import { buildFederatedSchema, type ReferenceResolvers } from "./federation";
import { checkWithin, createHttpService } from "../http";
import type http from "node:http";
import { randomUUID } from "node:crypto";
import type { JWTVerifyGetKey } from "jose";
import { ASSERTION_HEADER, verifyIdentityAssertion } from "../identity/assertion";
import { AssertionReplayGuard } from "../identity/assertion-replay";
import { UnauthenticatedError } from "../errors/errors";
import type { Principal } from "../identity/principal";
import type { EventBus } from "../events/bus";
import { InProcessBus } from "../events/in-process-bus";
import { nameRequestScope } from "../request-scope";
import { SubgraphEvents, type EventAppliers, type SubgraphEventsOptions } from "../events/runtime";
import { describeErrorForLog } from "../errors/error-log";
import { processLog } from "../log";
import { tracingOn } from "../tracing/tracing";
import { tracedDb } from "../tracing/traced-db";
import { serverSpan } from "../tracing/http-span";
import { operationSpanPlugin } from "../tracing/operation-span";
import type { MetricsAccess } from "../metrics";
import { createSubgraphMetrics, timedDb, type SubgraphMetrics } from "./metrics";

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<TLoaders> {
  db: Db;
  clock: Clock;
  /** Who is asking, as the gateway asserted it. */
  principal: Principal;
  requestId: string;
  /** Fresh per request: DataLoader caches never outlive one operation. */
  loaders: TLoaders;
  /** Call after committing a transaction that wrote to the outbox, so its events go out at once. */
  eventsWritten(): void;
}

/**
 * Everything that makes a subgraph what it is. The platform turns a definition into
 * a schema, an Apollo Server and an HTTP service, so every subgraph has
 * the same shape and none repeats the mechanics. `Name` is one of the
 * application's subgraph names (its topology), which the platform does not know.
 */
export interface SubgraphDefinition<TLoaders, TDatasetChunk = unknown, Name extends string = string> {
  name: Name;
  /** This subgraph's own migrations. */
  migrationsDir: string;
  /** Shared modules' migrations it uses (the outbox and inbox, a projection of another subgraph's records), applied before its own. */
  sharedMigrations?: readonly string[];
  /** The event streams it consumes, and how each event is applied (see platform/events). */
  consumes?: EventAppliers;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers<SubgraphContext<TLoaders>>;
  /**
   * Who may see what, in one table (its access.ts): which scopes guard which of this subgraph's types and
   * fields, enforced by the gateway and again by the subgraph itself (other subgraphs' entity types it
   * returns or extends are listed with their rule, so it can enforce them alone); how much each type and
   * field reveals, and whose records' detail a caller may see (enforced here).
   */
  access: AccessTable<SubgraphContext<TLoaders>>;
  /** Loaders for one request (each subgraph's context.ts); they filter by the principal's jurisdiction where the subgraph requires it. */
  createLoaders(db: Db, clock: Clock, principal: Principal): TLoaders;
  /** Writes this subgraph's share of a dataset chunk (demo data, benchmarks). */
  insertDatasetChunk(db: Db, chunk: TDatasetChunk): Promise<void>;
}

/**
 * A definition whatever its loaders and dataset rows: the registry and the
 * runner hold every subgraph, each with loader types of its own, in one list.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each member keeps its own types where it is defined
export type AnySubgraphDefinition<Name extends string = string> = SubgraphDefinition<any, any, Name>;

export function defineSubgraph<TLoaders, TDatasetChunk, Name extends string>(
  definition: SubgraphDefinition<TLoaders, TDatasetChunk, Name>,
): SubgraphDefinition<TLoaders, TDatasetChunk, Name> {
  return definition;
}

/** Every migration folder of a subgraph, in the order they apply. */
export function migrationDirsOf(definition: SubgraphDefinition<unknown>): string[] {
  return [...(definition.sharedMigrations ?? []), definition.migrationsDir];
}

const schemas = new WeakMap<SubgraphDefinition<unknown>, Promise<GraphQLSchema>>();

/** The subgraph's federated schema, built once per process (type-graphql schema building is slow). */
export function subgraphSchema<TLoaders>(definition: SubgraphDefinition<TLoaders>): Promise<GraphQLSchema> {
  const key = definition as SubgraphDefinition<unknown>;
  let schema = schemas.get(key);
  if (!schema) {
    schema = buildFederatedSchema(definition);
    schemas.set(key, schema);
  }
  return schema;
}

export interface SubgraphDependencies {
  db: Db;
  clock: Clock;
  /** Public keys of the gateway, to verify its identity assertions. */
  gatewayKeys: JWTVerifyGetKey;
  /**
   * The wall clock assertions are judged by (freshness, replay memory); the
   * system's unless given. Not `clock`, whose "now" may be a fixed day.
   */
  assertionClock?: () => number;
  /** Where unexpected (masked) errors are reported. */
  logError?: (error: unknown) => void;
  /** How events reach other subgraphs; a bus of its own, carrying no stream, when not given: events stay in the outbox. */
  bus?: EventBus;
  /** This process's consumer name within the subgraph's consumer groups. */
  eventConsumer?: string;
  /** Outbox republishing and retention, and when delivery counts as stuck (the defaults of platform/events otherwise). */
  eventDelivery?: Pick<SubgraphEventsOptions, "relay" | "stuck">;
  /**
   * Test only, refused in production (platform/test-only.ts): serve a schema whose scope guard is off,
   * so that a test sees the gateway's filter alone. Jurisdiction is still enforced (only subgraphs do it).
   */
  withoutAccessGuard?: true;
  /** Who may scrape its /metrics (METRICS_TOKEN, as the gateway's); open in development, off in production, unless given. */
  metricsAccess?: MetricsAccess;
}

export interface SubgraphServer<TLoaders> {
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  /** A fresh request context for `principal` (tests call it directly; HTTP requests after verifying the assertion). */
  createContext(principal: Principal, requestId?: string): SubgraphContext<TLoaders>;
  /** An HTTP service around the server; call after apollo.start(). */
  createHttpService(): http.Server;
  /** Its outbox relay and event consumers; not started until start() is called. */
  events: SubgraphEvents;
  /** Its Prometheus metrics, served at /metrics. */
  metrics: SubgraphMetrics;
}

export async function createSubgraphServer<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  dependencies: SubgraphDependencies,
): Promise<SubgraphServer<TLoaders>> {
  const { clock } = dependencies;
  // With tracing on (decided when the service is built), every statement inside a trace is a span.
  const traced = tracingOn();
  // Every statement timed against the request running it (the metrics per operation).
  const db = timedDb(traced ? tracedDb(dependencies.db) : dependencies.db);
  const bus = dependencies.bus ?? new InProcessBus([]);
  const events = new SubgraphEvents({
    group: definition.name,
    consumer: dependencies.eventConsumer ?? `${definition.name}-${randomUUID()}`,
    db,
    bus,
    consumes: definition.consumes ?? {},
    ...dependencies.eventDelivery,
  });
  const metrics = createSubgraphMetrics({
    subgraph: definition.name,
    events,
    access: dependencies.metricsAccess ?? { kind: process.env.NODE_ENV === "production" ? "off" : "open" },
  });
  const logError = dependencies.logError ?? ((error) => processLog().error({ subgraph: definition.name }, describeErrorForLog(error)));
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: dependencies.withoutAccessGuard
      ? await buildFederatedSchema({ ...definition, enforceAccess: false })
      : await subgraphSchema(definition),
    introspection: process.env.NODE_ENV !== "production",
    formatError: maskUnexpectedErrors(logError),
    includeStacktraceInErrorResponses: false,
    // Our process owns signal handling and stops everything in order (events, HTTP, database);
    // Apollo's own handler would re-raise the signal and kill the process half-way.
    stopOnTerminationSignals: false,
    // Inline traces would hand resolver timings to any caller; we report no traces. Cache control
    // computes a policy in a hook around every field (profiled: ~4% of the subgraph's CPU)
    // for hints nothing here reads: every response is no-store (platform/http.ts).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      ...(traced ? [operationSpanPlugin()] : []),
    ],
  });
  const createContext = (principal: Principal, requestId: string = randomUUID()): SubgraphContext<TLoaders> => ({
    db,
    clock,
    principal,
    requestId,
    loaders: definition.createLoaders(db, clock, principal),
    eventsWritten: () => events.relay.wake(),
  });
  const assertionClock = dependencies.assertionClock ?? Date.now;
  // One memory per process, shared by its HTTP services: an assertion is accepted once, whichever socket it comes on.
  const replays = new AssertionReplayGuard(assertionClock);
  return {
    apollo,
    events,
    metrics,
    createContext,
    createHttpService: () =>
      createHttpService({
        apollo,
        // The gateway's call carries its trace (traceparent): the subgraph's span is its child.
        aroundGraphQL: traced
          ? serverSpan(`subgraph ${definition.name}`, { continueCallersTrace: true, attributes: { "subgraph.name": definition.name } })
          : undefined,
        // Every GraphQL request, introspection and _service included, needs the gateway's assertion,
        // signed for this very body and never seen before.
        context: async (request, rawBody) => {
          const { principal, requestId, assertionId } = await verifyIdentityAssertion(request.headers[ASSERTION_HEADER], {
            audience: definition.name,
            keys: dependencies.gatewayKeys,
            body: rawBody,
            now: new Date(assertionClock()),
          });
          if (!replays.accept(assertionId)) throw new UnauthenticatedError();
          nameRequestScope(requestId);
          return createContext(principal, requestId);
        },
        // Ready when its database answers. Redis and event delivery are reported, not fatal: writes go
        // to the outbox and reads need neither, so a Redis outage must not take every replica out.
        ready: async () => {
          const [database, redis, delivery] = await Promise.all([
            checkWithin(() => db.query("SELECT 1 AS ok").then((rows) => (rows.length === 1 ? "ready" : "not answering")), 2_000),
            bus.kind === "redis" ? checkWithin(() => bus.health(), 1_500) : Promise.resolve(undefined),
            checkWithin(() => events.health(), 1_500),
          ]);
          return { checks: { database }, dependencies: { ...(redis ? { redis } : {}), events: delivery } };
        },
        routes: { "/metrics": metrics.route },
      }),
  };
}
