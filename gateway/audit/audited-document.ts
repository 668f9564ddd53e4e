import { createHash } from "node:crypto";
import { getOperationAST, print, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { DocumentWorkCache, type CacheStats } from "../operation/document-work-cache";
import { consultsPersonalData, reservedAliasIn, withAuditKeys } from "./disclosure";

/** The operation run in place of the client's: the audit keys added, with its text and hash. */
export interface AuditedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  source: string;
  queryHash: string;
}

/** What the audit trail decides from the document alone, before anything about the caller. */
export interface AuditPlan {
  /** False for a query of estate data, statistics or introspection only: it runs as is, unrecorded. */
  consults: boolean;
  /** The first alias in the gateway's reserved prefix, if the client used one: the request is refused. */
  reservedAlias: string | null;
  /** Present when it consults and no alias is reserved. */
  audited: AuditedOperation | null;
}

/** The plan for a document and the operation graphql-js picked from it, worked out afresh. */
export function planAudit(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): AuditPlan {
  if (!consultsPersonalData(schema, document, operation)) return { consults: false, reservedAlias: null, audited: null };
  const reservedAlias = reservedAliasIn(document);
  if (reservedAlias !== null) return { consults: true, reservedAlias, audited: null };
  const audited = withAuditKeys(schema, document);
  const source = print(audited);
  const auditedOperation = getOperationAST(audited, operation.name?.value);
  if (!auditedOperation) throw new Error("The audited document lost its operation");
  return {
    consults: true,
    reservedAlias: null,
    audited: { document: audited, operation: auditedOperation, source, queryHash: createHash("sha256").update(source).digest("hex") },
  };
}

/** Default bound: one entry per document and operation name in use. */
export const DEFAULT_AUDIT_PLANS = 1000;

/**
 * The audit plan per (document, operation name): it depends on nothing else —
 * not the caller, not the variables (whether an operation consults personal
 * data is decided on its root fields whatever @skip/@include say, and every
 * audited entity gets its keys). The caller-dependent checks (justification)
 * and the record itself stay per request. Keeping the audited document stable
 * per document also lets the authorization filter's cache, which keys
 * documents by identity, find it again.
 */
export class AuditPlanCache {
  private readonly cache: DocumentWorkCache<AuditPlan>;

  constructor(maxEntries = DEFAULT_AUDIT_PLANS) {
    this.cache = new DocumentWorkCache(maxEntries);
  }

  plan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): AuditPlan {
    return this.cache.get(schema, document, JSON.stringify([operation.name?.value ?? null]), () => ({
      value: Object.freeze(planAudit(schema, document, operation)),
      cacheable: true,
    }));
  }

  stats(): CacheStats {
    return this.cache.stats();
  }
}
