import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which request the code running now serves. Every GraphQL request a service
 * receives runs inside a scope of its own, named with the request id once the
 * caller is known (the gateway's id travels to the subgraphs in its identity
 * assertion), so work can be attributed to the request that caused it: a
 * statement counter tells one request's SQL from that of background work
 * (outbox relays, event consumers, health probes), which runs outside any scope.
 */
interface RequestScope {
  requestId?: string;
  /**
   * What the caller may read, as a key (the gateway's access shape): for
   * stores Apollo Server consults without the request context, such as the
   * persisted queries (gateway/persisted-queries), which are kept per access.
   */
  access?: string;
  /** The SQL the request has run so far (statements, seconds): a subgraph's metrics per operation. */
  sql: { statements: number; seconds: number };
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (the handling of one request) inside a fresh, still unnamed scope. */
export function inRequestScope<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run({ sql: { statements: 0, seconds: 0 } }, work);
}

/**
 * Names the current scope once the request's id is known; outside a scope
 * (a test calling a server directly) there is nothing to name.
 */
export function nameRequestScope(requestId: string): void {
  const scope = scopes.getStore();
  if (scope) scope.requestId = requestId;
}

/** The id of the request the running code serves, or undefined for background work. */
export function currentRequestId(): string | undefined {
  return scopes.getStore()?.requestId;
}

/** Records the caller's access key in the current scope, once the caller is known (the gateway's context). */
export function setRequestAccess(access: string): void {
  const scope = scopes.getStore();
  if (scope) scope.access = access;
}

/** The access key of the request the running code serves, or undefined outside a request or before its caller is known. */
export function currentRequestAccess(): string | undefined {
  return scopes.getStore()?.access;
}

/** Counts one statement of `seconds` against the request running it (none outside a request: background work). */
export function countRequestStatement(seconds: number): void {
  const sql = scopes.getStore()?.sql;
  if (!sql) return;
  sql.statements += 1;
  sql.seconds += seconds;
}

/** The SQL the running request has run so far, or undefined outside a request. */
export function currentRequestSql(): Readonly<RequestScope["sql"]> | undefined {
  return scopes.getStore()?.sql;
}
