import { createHash } from "node:crypto";
import { canonicalJurisdiction, type Principal } from "../../platform/identity/principal";

/** Everything an answer can depend on. Two requests share an entry only if every part is equal. */
export interface CacheKeyParts {
  /** The document as graphql-js prints it: comments and spacing gone (worked out once per document). */
  documentText: string;
  operationName: string | null;
  /** The operation's variables as graphql-js coerced them (declared ones only, defaults applied). */
  variables: Record<string, unknown>;
  principal: Principal;
  /** filter or reject: the same caller gets different answers in each. */
  authorizationMode: string;
  /** The current generation of each data domain the operation reads, by domain. */
  generations: Record<string, string>;
  /** Which supergraph is served (its sha256): a reload may change the answer and who may see each field. */
  supergraph: string;
}

/** Bumped when what goes into a key (or into an entry) changes shape, so old entries are never read as new ones. */
const KEY_VERSION = "response-cache/2";

/**
 * The entry's key: sha256 over the normalised document, the operation name,
 * the coerced variables, the caller's whole access shape (sorted scopes,
 * jurisdiction, persona) and the authorization mode, the generations of
 * the data read, and the supergraph served. The caller's `sub` and `purpose` are left out: no subgraph
 * decides a non-personal answer by them, and leaving them out lets callers of
 * one access shape (e.g. every national dashboard) share entries.
 */
export function cacheKeyOf(parts: CacheKeyParts): string {
  const { principal } = parts;
  const material = [
    KEY_VERSION,
    parts.documentText,
    parts.operationName,
    canonicalJson(parts.variables),
    [...principal.scopes].sort(),
    canonicalJurisdiction(principal.jurisdiction),
    principal.persona,
    parts.authorizationMode,
    canonicalJson(parts.generations),
    parts.supergraph,
  ];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

/** JSON with object keys sorted at every depth, so equal values give equal text whatever order they were sent in. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item !== null && typeof item === "object" && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? "null"
  );
}
