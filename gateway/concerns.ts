import type { GatewayConcern } from "./concern";
import type { Authorization } from "./authz";
import type { AuditTrail } from "./audit";
import type { OperationLimits } from "./limits";
import type { SubgraphCalls } from "./subgraph-fetch/concern";
import type { AccessLog } from "./access-log";
import type { GatewayMetrics } from "./metrics";
import type { RateLimits } from "./rate-limits";

/** Every concern of the gateway, by name; each made by the createX of its folder (gateway/build.ts makes them). */
export interface GatewayConcerns {
  authentication: GatewayConcern;
  requestId: GatewayConcern;
  tracing: GatewayConcern;
  accessLog: AccessLog;
  metrics: GatewayMetrics;
  dashboard: GatewayConcern;
  ide: GatewayConcern;
  cors: GatewayConcern;
  rateLimits: RateLimits;
  trustedDocuments: GatewayConcern;
  persistedQueries: GatewayConcern;
  storableText: GatewayConcern;
  limits: OperationLimits;
  inputScalars: GatewayConcern;
  auditTrail: AuditTrail;
  responseCache: GatewayConcern;
  masking: GatewayConcern;
  authorization: Authorization;
  auditGraph: GatewayConcern;
  subgraphCalls: SubgraphCalls;
}

/**
 * The gateway's concerns in the order createGateway composes them: the order
 * a request meets them. For executor wrappers the first is outermost; for
 * context hooks, plugins and validation rules the first runs first.
 *
 * 1. authentication: nothing happens for a caller whose token was not verified (401, no record);
 * 2. request id: given as the request arrives (beforeGraphQL runs before every context hook), so
 *    the log lines of a refused request carry it too, and everything after is attributed to it;
 *    its context hook, after authentication, puts it on the request's context;
 * 3. tracing: its aroundGraphQL holds the whole request in its span (the only such hook, so
 *    its place in the list does not order it); its plugin names the span's request id and operation;
 * 4. access log: right after the id it writes, so it sees every request to its end, refused ones too;
 * 5. metrics: counts the access log's summaries and serves /metrics;
 * 6. dashboard: routes only (the reporting dashboard's static files at /dashboard, and outside
 *    production its development sign-in); listed with the other routes, it meets no GraphQL request;
 * 7. ide: routes only, development only (GraphiQL at /graphiql);
 * 8. cors: a browser's request from an origin not listed is refused before anything else runs
 *    (its preflight too, answered here); after the access log, which logs those too; no landing page;
 * 9. rate limits: once the caller is known (its budget is its own); its refusal waits for the
 *    operation to be resolved, so the audit trail records which it was;
 * 10. trusted documents: a service caller's document checked against its manifest once resolved
 *    (after rate limits: a refused flood still spends its budget);
 * 11. persisted queries: the store is partitioned by the caller's access, so after authentication;
 * 12. storable text: text no database can store is refused before anything runs;
 * 13. operation limits: while parsing and validating, before anything is planned;
 * 14. input scalars: the API schema validation coerces against (Date, DateTime parsed for real);
 * 15. audit trail: the outermost executor wrapper, so it records what actually leaves (after
 *    authorization and masking) and decides about every request, cache hits included;
 * 16. response cache: inside the audit trail, outside masking and authorization, so a stored
 *    answer is what a caller of that access shape was sent;
 * 17. masking: formatError for every error, and valueCompletion details out of the result;
 * 18. authorization: the innermost wrapper, right in front of the planner, which only ever
 *    sees the filtered operation;
 * 19. audit graph: the subgraph served in this process (its name is looked up first);
 * 20. subgraph calls: every other subgraph over the network.
 *
 * Before all of them the operation is resolved once for the request
 * (gateway/operation/request-operation.ts), so every concern reads the same.
 */
export function orderedConcerns(concerns: GatewayConcerns): GatewayConcern[] {
  return [
    concerns.authentication,
    concerns.requestId,
    concerns.tracing,
    concerns.accessLog,
    concerns.metrics,
    concerns.dashboard,
    concerns.ide,
    concerns.cors,
    concerns.rateLimits,
    concerns.trustedDocuments,
    concerns.persistedQueries,
    concerns.storableText,
    concerns.limits,
    concerns.inputScalars,
    concerns.auditTrail,
    concerns.responseCache,
    concerns.masking,
    concerns.authorization,
    concerns.auditGraph,
    concerns.subgraphCalls,
  ];
}
