import { createHash } from "node:crypto";
import { BREAK, getOperationAST, print, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { DocumentWorkCache, type CacheStats } from "../operation/document-work-cache";
import { filterOperation, type FilteredOperation } from "./filter-operation";
import type { FieldAuthorizer } from "./remove-unauthorized-fields";

/** The filter's outcome with what the planner is handed: the filtered text, its hash and its operation. */
export interface PreparedOperation {
  filtered: FilteredOperation;
  source: string;
  queryHash: string;
  operation: OperationDefinitionNode;
}

export interface PrepareRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  /** The operation graphql-js picks for operationName (resolveOperation). */
  operation: OperationDefinitionNode;
  /** Coerced variables: the filter reads @skip/@include with them. */
  variables: Record<string, unknown>;
  /** The caller's scopes: the only part of the caller the authorizer reads (AuthorizationPolicy.isFieldAuthorized). */
  scopes: readonly string[];
  mode: string;
  isAuthorized: FieldAuthorizer;
}

/** Default bound: personas × operations in use, with room; an entry is a filtered document and its text. */
export const DEFAULT_AUTHORIZATION_SHAPES = 1000;

function hasConditionalDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === "skip" || node.name.value === "include") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The filter, the filtered text and its hash, worked out afresh. */
export function prepareOperation(request: PrepareRequest): PreparedOperation {
  const filtered = filterOperation(request.schema, request.document, request.operation, request.variables, request.isAuthorized);
  const source = print(filtered.document);
  const operation = getOperationAST(filtered.document, request.operationName);
  if (!operation) throw new Error("The filtered document lost its operation");
  return { filtered, source, queryHash: createHash("sha256").update(source).digest("hex"), operation };
}

/**
 * The authorization filter's outcome per authorization shape: the same
 * document, operation name, scope set and mode always filter to the same
 * document, so it is filtered and printed once (filtering and printing per
 * request were a measurable share of the gateway's CPU).
 *
 * The key is everything the outcome depends on — the document (by identity,
 * DocumentWorkCache), the schema, the operation name, the caller's scopes as a
 * set (the authorizer reads nothing else of the caller: not the jurisdiction,
 * not the purpose) and the mode. The one other input is the variables: they
 * decide which unauthorized fields are reported (a field under a false
 * @include is not). So an outcome is stored only when the variables cannot
 * matter: when nothing was removed (then nothing is reported, whatever the
 * variables) or when the document has no @skip/@include at all. Any other
 * outcome is worked out afresh on every request.
 */
export class AuthorizationShapeCache {
  private readonly cache: DocumentWorkCache<PreparedOperation>;

  constructor(maxEntries = DEFAULT_AUTHORIZATION_SHAPES) {
    this.cache = new DocumentWorkCache(maxEntries);
  }

  prepare(request: PrepareRequest): PreparedOperation {
    const key = JSON.stringify([request.operationName ?? null, request.mode, [...new Set(request.scopes)].sort()]);
    return this.cache.get(request.schema, request.document, key, () => {
      const prepared = prepareOperation(request);
      const cacheable = !prepared.filtered.changed || !hasConditionalDirectives(request.document);
      // Shared by every request of the shape from now on: nobody may alter it.
      if (cacheable) for (const path of prepared.filtered.unauthorizedPaths) Object.freeze(path);
      if (cacheable) Object.freeze(prepared.filtered.unauthorizedPaths);
      return { value: prepared, cacheable };
    });
  }

  stats(): CacheStats {
    return this.cache.stats();
  }
}
