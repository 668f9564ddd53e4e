import type http from "node:http";
import type { GraphQLDataSource } from "@apollo/gateway";
import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from "graphql";
import type { GatewayContext } from "./context";
import { withRequestOperation } from "./operation/request-operation";

/** A readiness check: "ready", or what is wrong. */
export type Check = () => Promise<string>;

/**
 * One gateway concern (authentication, authorization, the audit trail, the
 * response cache, …): what it adds to the gateway, as optional hooks. Every
 * concern is made by one `createX(config)` of its folder and composed by
 * createGateway in the order of gateway/concerns.ts, in one loop: a new
 * concern is a module returning one of these and a line in that list.
 */
export interface GatewayConcern {
  /** Named in stats and errors of composition. */
  readonly name: string;
  /**
   * The HTTP exchange of a /graphql request as it arrives (inside its request
   * scope, before its body is read or its caller known): answers it itself
   * (returns true; no later concern sees it) or watches it (the access log
   * listens for its end). Every request meets these, refused ones too.
   * Synchronous: the body is read right after (platform/http.ts says why).
   */
  beforeGraphQL?(request: http.IncomingMessage, response: http.ServerResponse): boolean | void;
  /**
   * Around the whole handling of each /graphql request (inside its request
   * scope, every beforeGraphQL and context hook included): tracing runs it in
   * the request's span. The first concern's is outermost.
   */
  aroundGraphQL?(request: http.IncomingMessage, response: http.ServerResponse, handle: () => Promise<void>): Promise<void>;
  /** HTTP paths of its own beside /graphql and /health/* (the metrics). */
  routes?: Readonly<Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void>>;
  /** Who the caller is and what the request is, before Apollo Server sees it; merged in order into the request's context. */
  context?(request: http.IncomingMessage, context: Partial<GatewayContext>): Promise<Partial<GatewayContext> | void>;
  /**
   * The supergraph as @apollo/gateway should load it (authorization takes out the directives it enforces
   * itself), for each supergraph about to be served: at start and on every reload. Throws to refuse it.
   */
  supergraph?(sdl: string): string;
  /** The supergraph last given to supergraph() is served from now on (called in the same tick as the switch). */
  supergraphLoaded?(sdl: string): void;
  /** The API schema Apollo Server validates and coerces against (input scalars parse for real). */
  apiSchema?(schema: GraphQLSchema): GraphQLSchema;
  /** Around the planner's executor; the operation is resolved before any concern's wrapper runs (requestOperationOf). */
  wrapExecutor?(execute: GatewayExecutor): GatewayExecutor;
  /** Apollo Server's validationRules, appended in order. */
  validationRules?: readonly ValidationRule[];
  /** Apollo Server's parseOptions, merged. */
  parseOptions?: ParseOptions;
  /** Apollo Server plugins, in order. */
  plugins?: readonly ApolloServerPlugin<GatewayContext>[];
  /** Apollo Server's formatError; several are applied in order, each to the previous one's output. */
  formatError?(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Apollo Server's persistedQueries option (one concern at most gives it). */
  persistedQueries?: { cache: KeyValueCache<string>; ttl?: number };
  /** Subgraphs served in this process, by supergraph name (the audit graph). */
  localSubgraphs?: Readonly<Record<string, GraphQLDataSource>>;
  /** How a subgraph of the supergraph is called over the network, if this concern calls it. */
  dataSource?(name: string): GraphQLDataSource | undefined;
  health?: {
    /** Checks the gateway cannot serve without (readiness fails while one is not "ready"). */
    required?: Readonly<Record<string, Check>>;
    /** Dependencies it serves without, reported. */
    reported?: Readonly<Record<string, Check>>;
    /** What the gateway's own calls found about a subgraph ("ready", circuit open, …). */
    subgraphCallState?(name: string): string | undefined;
  };
  /** Counts for tests and operators. */
  stats?(): unknown;
  /** Run when Apollo Server stops (after in-flight operations), in reverse order. */
  close?(): Promise<void>;
}

/**
 * The executor with every concern's wrapper around it, the first concern
 * outermost, and outside them all the operation resolved once for the
 * request (gateway/operation/request-operation.ts).
 */
export function wrapExecutorWith(concerns: readonly GatewayConcern[], execute: GatewayExecutor): GatewayExecutor {
  const wrapped = concerns.reduceRight<GatewayExecutor>((inner, concern) => concern.wrapExecutor?.(inner) ?? inner, execute);
  return withRequestOperation(wrapped);
}

/** A gateway (ours or stock @apollo/gateway) with the concerns' API schema and executor hooks around it. */
export function gatewayWith(inner: GatewayInterface, concerns: readonly GatewayConcern[]): GatewayInterface {
  const apiSchema = (schema: GraphQLSchema) => concerns.reduce((current, concern) => concern.apiSchema?.(current) ?? current, schema);
  return {
    onSchemaLoadOrUpdate: (callback) =>
      inner.onSchemaLoadOrUpdate((schemaContext) => callback({ ...schemaContext, apiSchema: apiSchema(schemaContext.apiSchema) })),
    async load(options) {
      const loaded = await inner.load(options);
      if (!loaded.executor) throw new Error("The gateway loaded no executor");
      return { ...loaded, executor: wrapExecutorWith(concerns, loaded.executor) };
    },
    stop: () => inner.stop(),
  };
}
