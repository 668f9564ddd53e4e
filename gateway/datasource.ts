import { AsyncLocalStorage } from "node:async_hooks";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { Kind, parse, type DocumentNode } from "graphql";
import { SubgraphUnavailableError, subgraphUnavailableError } from "../platform/errors/errors";
import { processLog, type Logger } from "../platform/log";
import { ASSERTION_HEADER, type AssertionSigner } from "../platform/identity/assertion";
import type { Principal } from "../platform/identity/principal";
import { gatewayContextOf, type GatewayContext } from "./context";
import type { FetcherRequestInit, PrepareAttempt, SubgraphFetcher } from "./subgraph-fetch";

/**
 * Who the fetch running now is for. RemoteGraphQLDataSource serialises the
 * body after willSendRequest and hands the fetcher only (url, init), so the
 * caller is carried from process() to the fetcher here, and the assertion is
 * signed where the body is known.
 */
const callers = new AsyncLocalStorage<{ principal: Principal; requestId: string }>();

/**
 * Where a failed fetch's data would have gone, relative to the fetch's place
 * in the response: each root field for a root fetch, the fetch's own place
 * (the empty path) for an entity fetch.
 */
function errorPathsOfFetch(options: GraphQLDataSourceProcessOptions<GatewayContext>): (string | number)[][] {
  const query = options.request.query;
  const document: DocumentNode | undefined = ("document" in options ? options.document : undefined) ?? (query ? parse(query) : undefined);
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const keys =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? operation.selectionSet.selections.flatMap((selection) =>
          selection.kind === Kind.FIELD ? [selection.alias?.value ?? selection.name.value] : [],
        )
      : [];
  return keys.length === 0 || keys.includes("_entities") ? [[]] : keys.map((key) => [key]);
}

/**
 * How the gateway calls a subgraph. The URL comes from gateway config, not the
 * supergraph file, so one checked-in supergraph serves every deployment. Each
 * attempt of each call carries an assertion of its own, addressed to this
 * subgraph and bound to the exact body sent (platform/identity/assertion.ts);
 * the caller's own token never leaves the gateway. A subgraph that does not
 * answer (see subgraph-fetch) gives one SUBGRAPH_UNAVAILABLE error where its
 * data would have gone; the rest of the plan carries on with the other
 * subgraphs' data.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraphName: string,
    private readonly signAssertion: AssertionSigner,
    fetcher?: SubgraphFetcher,
    private readonly log: Logger = processLog(),
  ) {
    super({ url });
    // Apollo's own fetcher when none is given (unit tests): one attempt, prepared once.
    const defaultFetcher = this.fetcher;
    const send: SubgraphFetcher =
      fetcher ?? (async (target, init, prepare) => defaultFetcher(target, prepare ? await prepare(init) : init));
    this.fetcher = (target, init) => {
      const caller = callers.getStore();
      if (!caller) throw new Error("A subgraph fetch outside SubgraphDataSource.process");
      return send(target, init, this.assertAttempt(caller.principal, caller.requestId));
    };
  }

  /** Adds to one attempt's request an assertion signed for its body. */
  private assertAttempt(principal: Principal, requestId: string): PrepareAttempt {
    return async (init: FetcherRequestInit | undefined) => {
      if (typeof init?.body !== "string") throw new Error("A subgraph request without a serialised body");
      const assertion = await this.signAssertion(principal, this.subgraphName, requestId, init.body);
      return { ...init, headers: { ...init.headers, [ASSERTION_HEADER]: `Bearer ${assertion}` } };
    };
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { principal, requestId } = gatewayContextOf(options.context);
    try {
      return await callers.run({ principal, requestId }, () => super.process(options));
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      // In the request's scope: the line carries its request id.
      this.log.warn({ subgraph: error.serviceName, reason: error.reason }, error.message);
      return { errors: errorPathsOfFetch(options).map((path) => subgraphUnavailableError(error.serviceName, path)) };
    }
  }
}
