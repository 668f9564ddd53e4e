import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloGateway } from "@apollo/gateway";
import type { GraphQLFormattedError } from "graphql";
import { createHttpService, type Readiness } from "../platform/http";
import type { Check, GatewayConcern } from "./concern";
import { gatewayWith } from "./concern";
import type { GatewayConfig } from "./config";
import { gatewayContextOf, type GatewayContext } from "./context";
import { gatewayReadiness } from "./health";
import { processLog, type Logger } from "../platform/log";
import { SupergraphReloader, type ReloadOutcome } from "./supergraph/reloader";
import { disableApolloDataCollection } from "./apollo-data-collection";

export { REQUEST_ID_HEADER } from "./request-id";

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** An HTTP service around the gateway; call after apollo.start(). */
  createHttpService(): http.Server;
  /** What it needs to serve (supergraph, audit store, key set) and each subgraph and Redis, reported: "ready" or what is wrong. */
  ready(): Promise<Readiness>;
  /** Each concern's counts, by concern name (for tests and operators). */
  stats(): Record<string, unknown>;
  /** Reads the supergraph file again and serves it if it passes its checks (SIGHUP, or the file changing). */
  reloadSupergraph(): Promise<ReloadOutcome>;
}

/** Every concern's checks of one kind, merged; two concerns naming the same check is a composition error. */
function checksOf(concerns: readonly GatewayConcern[], kind: "required" | "reported"): Record<string, Check> {
  const checks: Record<string, Check> = {};
  for (const concern of concerns) {
    for (const [name, check] of Object.entries(concern.health?.[kind] ?? {})) {
      if (name in checks) throw new Error(`Two gateway concerns report the readiness check "${name}"`);
      checks[name] = check;
    }
  }
  return checks;
}

/**
 * The gateway: its concerns (gateway/concerns.ts gives them and their order)
 * composed in one loop around a supergraph file (schema/supergraph.graphql,
 * composed and checked in by `npm run compose`, never IntrospectAndCompose, so
 * what is served is exactly what was reviewed; reloaded on SIGHUP or a change
 * only if it passes the same checks: supergraph/reloader.ts), and Apollo Server with
 * batching off and CSRF prevention on (its defaults, stated). Nothing here
 * knows any concern: a new one is a module and a line in that list.
 */
export function createGateway(
  config: Pick<GatewayConfig, "supergraphSdl" | "subgraphUrls" | "production" | "supergraphReload">,
  concerns: readonly GatewayConcern[],
  log: Logger = processLog(),
): Gateway {
  // The one loop: every hook of every concern, in the list's order.
  const formatters: NonNullable<GatewayConcern["formatError"]>[] = [];
  const validationRules: NonNullable<GatewayConcern["validationRules"]>[number][] = [];
  const plugins: NonNullable<GatewayConcern["plugins"]>[number][] = [ApolloServerPluginInlineTraceDisabled()];
  let parseOptions: GatewayConcern["parseOptions"] = {};
  let persistedQueries: GatewayConcern["persistedQueries"];
  for (const concern of concerns) {
    if (concern.formatError) formatters.push(concern.formatError);
    validationRules.push(...(concern.validationRules ?? []));
    plugins.push(...(concern.plugins ?? []));
    parseOptions = { ...parseOptions, ...concern.parseOptions };
    if (concern.persistedQueries) {
      if (persistedQueries) throw new Error(`Two gateway concerns give persisted queries (${concern.name})`);
      persistedQueries = concern.persistedQueries;
    }
  }
  // Closed in reverse order when Apollo Server stops, after in-flight operations.
  const closing = [...concerns].reverse().flatMap((concern) => (concern.close ? [concern.close.bind(concern)] : []));
  plugins.push({
    serverWillStart: async () => ({
      serverWillStop: async () => {
        for (const close of closing) await close();
      },
    }),
  });

  let supergraphLoaded = false;
  const reloader = new SupergraphReloader(config.supergraphSdl, config.supergraphReload, log);
  disableApolloDataCollection();
  const supergraph = new ApolloGateway({
    // The supergraph through every concern's hook, at start and on each reload; the concerns told once it is served.
    supergraphSdl: reloader.hook({
      prepare: (sdl) => concerns.reduce((current, concern) => concern.supergraph?.(current) ?? current, sdl),
      loaded: (sdl) => {
        for (const concern of concerns) concern.supergraphLoaded?.(sdl);
      },
    }),
    buildService: ({ name }) => {
      for (const concern of concerns) {
        const source = concern.localSubgraphs?.[name] ?? concern.dataSource?.(name);
        if (source) return source;
      }
      throw new Error(`The supergraph names subgraph "${name}", which the gateway has no URL for`);
    },
  });
  supergraph.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway: gatewayWith(supergraph, concerns),
    // Never Apollo's default store shared by every caller (an oracle): off unless a concern gives one.
    persistedQueries: persistedQueries ?? false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) =>
      formatters.reduce((current, format) => format(current, error), formatted),
    includeStacktraceInErrorResponses: false,
    parseOptions,
    validationRules,
    introspection: !config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Our process owns signal handling and stops everything in order (events, HTTP, database);
    // Apollo's own handler would re-raise the signal and kill the process half-way.
    stopOnTerminationSignals: false,
    plugins,
  });

  const routes: NonNullable<GatewayConcern["routes"]> = {};
  for (const concern of concerns) {
    for (const [path, handler] of Object.entries(concern.routes ?? {})) {
      if (path in routes || path === "/graphql" || path.startsWith("/health/")) {
        throw new Error(`The gateway concern "${concern.name}" serves ${path}, which is already served`);
      }
      (routes as Record<string, (typeof routes)[string]>)[path] = handler;
    }
  }

  type Around = NonNullable<GatewayConcern["aroundGraphQL"]>;
  const arounds = concerns.flatMap((concern) => (concern.aroundGraphQL ? [concern.aroundGraphQL.bind(concern)] : []));
  // The first concern's outermost; none at all leaves the HTTP service without the hook.
  const aroundGraphQL =
    arounds.length === 0
      ? undefined
      : arounds.reduceRight<Around>(
          (inner, around) => (request, response, handle) => around(request, response, () => inner(request, response, handle)),
          (_request, _response, handle) => handle(),
        );

  const required = checksOf(concerns, "required");
  const reported = {
    ...checksOf(concerns, "reported"),
    // A refused reload leaves the previous supergraph serving: reported, never unready.
    ...(config.supergraphReload ? { "supergraph reload": async () => reloader.health() } : {}),
  };
  const ready = () =>
    gatewayReadiness({
      supergraphLoaded,
      subgraphUrls: config.subgraphUrls,
      subgraphCallState: (name) => {
        for (const concern of concerns) {
          const state = concern.health?.subgraphCallState?.(name);
          if (state !== undefined && state !== "ready") return state;
        }
        return "ready";
      },
      required,
      reported,
    });
  return {
    apollo,
    ready,
    stats: () => Object.fromEntries(concerns.flatMap((concern) => (concern.stats ? [[concern.name, concern.stats()]] : []))),
    reloadSupergraph: () => reloader.reload(),
    createHttpService: () =>
      createHttpService({
        apollo,
        context: async (request) => {
          let context: Partial<GatewayContext> = {};
          for (const concern of concerns) {
            const added = await concern.context?.(request, context);
            if (added) context = { ...context, ...added };
          }
          // A request must leave the context hooks with a caller and an id: anything else is a composition fault.
          return gatewayContextOf(context);
        },
        ready,
        beforeGraphQL: (request, response) => {
          for (const concern of concerns) {
            if (concern.beforeGraphQL?.(request, response) === true) return true;
          }
          return false;
        },
        routes,
        aroundGraphQL,
      }),
  };
}
