import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { print } from "graphql";
import { principalOf } from "../../platform/identity/principal";
import { DocumentWorkCache } from "../operation/document-work-cache";
import { requestOperationOf } from "../operation/request-operation";
import { cacheKeyOf } from "./cache-key";
import { cacheabilityOf, type Cacheability, type DataDomain } from "./cacheability";
import type { DataGenerations } from "./generations";
import type { ResponseCacheMetrics } from "./metrics";

/** Documents whose cacheability is remembered: the operations in use, with room (as the authorization-shape cache). */
const DOCUMENTS_REMEMBERED = 1000;

export interface ResponseCachingOptions {
  store: KeyValueCache<string>;
  generations: DataGenerations;
  /** Every domain, bumped after any mutation. */
  allDomains: readonly DataDomain[];
  ttlSeconds: number;
  authorizationMode: string;
  /** The served supergraph's id, read per request (a reload changes it). */
  supergraphId: () => string;
  metrics: ResponseCacheMetrics;
  /**
   * Whether a document's operation may be cached, and its printed text for the
   * key: both depend only on the document and the operation's name, so they
   * are worked out once per document, not on every request.
   */
  documents: DocumentWorkCache<CachedDocument>;
}

export interface CachedDocument {
  cacheability: Cacheability;
  documentText: string;
}

/** The response cache's per-document work, remembered for the operations in use. */
export function cachedDocuments(): DocumentWorkCache<CachedDocument> {
  return new DocumentWorkCache<CachedDocument>(DOCUMENTS_REMEMBERED);
}

/**
 * The response cache around the gateway's executor. It stands inside the
 * audit trail (so the trail decides about every request, hits included,
 * exactly as without the cache) and outside field authorization and value
 * masking: a stored answer is what a caller of that access shape was sent.
 *
 * Why key on the caller's access shape rather than cache after the
 * authorization filter: the subgraphs filter records by jurisdiction too, so
 * a key after filtering would still need the jurisdiction and scopes; keying
 * the original document on the whole access shape is no less strict, and a
 * hit then skips filtering, planning and every subgraph call
 * (docs/adr/0005-response-cache.md).
 *
 * Only complete answers are stored: any error (an unauthorized field, a
 * subgraph down, bad input) and the answer is returned and forgotten.
 * Mutations are never cached and bump every data generation once they ran.
 */
export function responseCachingExecutor(execute: GatewayExecutor, options: ResponseCachingOptions): GatewayExecutor {
  const { store, generations, metrics, documents } = options;
  return async (requestContext: GatewayGraphQLRequestContext) => {
    const { schema, document } = requestContext;
    // The operation of the document handed here (the audit trail's, its keys added), the request's variables.
    const { operation } = requestContext;
    const { variables } = requestOperationOf(requestContext);
    if (operation.operation === "mutation") {
      metrics.passedThrough++;
      try {
        return await execute(requestContext);
      } finally {
        // Whatever the mutation's outcome, what it may have changed is committed by now.
        await generations.bump(options.allDomains);
      }
    }
    const { cacheability, documentText } = documents.get(schema, document, operation.name?.value ?? "", () => {
      const outcome = cacheabilityOf(schema, document, operation);
      // Only a cacheable operation's key needs the printed document.
      return { value: { cacheability: outcome, documentText: outcome.cacheable ? print(document) : "" }, cacheable: true };
    });
    if (!cacheability.cacheable) {
      metrics.passedThrough++;
      return execute(requestContext);
    }

    const key = `response:${cacheKeyOf({
      documentText,
      operationName: operation.name?.value ?? null,
      variables,
      principal: principalOf(requestContext.context),
      authorizationMode: options.authorizationMode,
      generations: await generations.current(cacheability.domains),
      supergraph: options.supergraphId(),
    })}`;
    const cached = await store.get(key);
    if (cached !== undefined) {
      metrics.hits++;
      return { data: JSON.parse(cached) as GatewayExecutionResult["data"] };
    }
    metrics.misses++;
    const result = await execute(requestContext);
    if (isCompleteAnswer(result)) {
      await store.set(key, JSON.stringify(result.data), { ttl: options.ttlSeconds });
      metrics.stored++;
    }
    return result;
  };
}

/** Data and not a single error: a partial answer (a subgraph down, a field withheld) is never stored. */
function isCompleteAnswer(result: GatewayExecutionResult): boolean {
  return result.data !== null && result.data !== undefined && (result.errors === undefined || result.errors.length === 0);
}
